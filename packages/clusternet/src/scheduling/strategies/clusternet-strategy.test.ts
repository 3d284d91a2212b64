import {
  CycleState,
  Status,
  type Binding,
  type EnabledPlugin,
  type ScoredCluster,
  type SchedulerPlugin,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parseSubscription } from '../../api/parse-subscription';
import type { BindPlugin, PermitPlugin, PostBindPlugin } from '../extension-points';
import { DefaultBinder } from '../plugins/default-binder/default-binder';
import { DEVIATION_KEY, DynamicAssigner } from '../plugins/dynamic-assigner/dynamic-assigner';
import { StaticAssigner } from '../plugins/static-assigner/static-assigner';
import { ClusternetStrategy, type AssignPoints } from './clusternet-strategy';

function points(byPoint: Record<string, SchedulerPlugin[]>): AssignPoints {
  return {
    pluginsAt: <P>(point: string) =>
      (byPoint[point] ?? []).map((plugin) => ({
        plugin,
        weight: 1,
      })) as unknown as readonly EnabledPlugin<P & SchedulerPlugin>[],
  } as AssignPoints;
}
const defaults = () => ({
  preAssign: [new DynamicAssigner()],
  assign: [new StaticAssigner(), new DynamicAssigner()],
  bind: [new DefaultBinder()],
});
const context = { availableReplicas: new Map<string, number>(), now: 0 };
const candidates = (...names: string[]): ScoredCluster[] =>
  names.map((n) => ({
    cluster: makeCluster(n).labels({ env: 'prod', name: n }).build(),
    score: 0,
  }));

function subscription(
  replicas: number,
  spec: unknown,
  bound: Binding['spec']['clusters'] = [],
): Binding {
  const parsed = parseSubscription(spec);
  const base = makeBinding('s', {
    replicas,
    placement: parsed.placement,
    clusters: [...(bound ?? [])],
  });
  return { ...base, metadata: { ...base.metadata, annotations: parsed.annotations } };
}

const replication = (bound?: Binding['spec']['clusters']) =>
  subscription(2, { subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } } }] }, bound);

describe('ClusternetStrategy', () => {
  it('replicates every replica to every feasible cluster, sorted by the binder', () => {
    expect(
      new ClusternetStrategy(points(defaults())).assign(
        replication(),
        candidates('c', 'a', 'b'),
        context,
      ),
    ).toEqual({
      clusters: [
        { name: 'a', replicas: 2 },
        { name: 'b', replicas: 2 },
        { name: 'c', replicas: 2 },
      ],
    });
  });

  it('keeps a bound cluster that was filtered out but not evicted (nothing moves without FailOver)', () => {
    const result = new ClusternetStrategy(points(defaults())).assign(
      replication([
        { name: 'a', replicas: 2 },
        { name: 'b', replicas: 2 },
      ]),
      candidates('b', 'c'),
      context,
    );
    expect(result.clusters?.map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    {
      name: "takes each subgroup's first minClusters candidates in score order",
      bound: [],
      candidates: ['b', 'a', 'c'],
      want: ['a', 'b'],
    },
    {
      name: 'prefers clusters already bound, so a spare stays after the failed cluster returns',
      bound: [{ name: 'c', replicas: 2 }],
      candidates: ['a', 'b', 'c'],
      want: ['a', 'c'],
    },
  ])('$name', ({ bound, candidates: names, want }) => {
    const binding = subscription(
      2,
      {
        schedulingBySubGroup: true,
        subscribers: [
          { clusterAffinity: { matchLabels: { name: 'a' } }, subGroupStrategy: { minClusters: 1 } },
          {
            clusterAffinity: {
              matchExpressions: [{ key: 'name', operator: 'In', values: ['b', 'c'] }],
            },
            subGroupStrategy: { minClusters: 1 },
          },
        ],
      },
      bound,
    );
    expect(
      new ClusternetStrategy(points(defaults()))
        .assign(binding, candidates(...names), context)
        .clusters?.map((t) => t.name),
    ).toEqual(want);
  });

  it('is unschedulable when no subgroup selects a candidate', () => {
    const binding = subscription(1, {
      schedulingBySubGroup: true,
      subscribers: [
        { clusterAffinity: { matchLabels: { name: 'z' } }, subGroupStrategy: { minClusters: 1 } },
      ],
    });
    expect(
      new ClusternetStrategy(points(defaults())).assign(binding, candidates('a'), context),
    ).toEqual({
      status: Status.unschedulable('no subscriber subgroup selects a feasible cluster'),
    });
  });

  it('divides statically through the assign point', () => {
    const binding = subscription(3, {
      schedulingStrategy: 'Dividing',
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } }, weight: 1 }],
    });
    expect(
      new ClusternetStrategy(points(defaults())).assign(binding, candidates('a', 'b'), context)
        .clusters,
    ).toEqual([
      { name: 'a', replicas: 2 },
      { name: 'b', replicas: 1 },
    ]);
  });

  it("shares the scheduling cycle's state with the assign plugins", () => {
    const state = new CycleState();
    const binding = subscription(3, {
      schedulingStrategy: 'Dividing',
      dividingScheduling: { type: 'Dynamic' },
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } } }],
    });
    new ClusternetStrategy(points(defaults())).assign(binding, candidates('a'), {
      ...context,
      state,
    });
    expect(state.read(DEVIATION_KEY)).toBe(3);
  });

  it('is unschedulable when every assigner skips', () => {
    const binding = subscription(3, {
      schedulingStrategy: 'Dividing',
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } }, weight: 1 }],
    });
    const result = new ClusternetStrategy(
      points({ ...defaults(), assign: [new DynamicAssigner()] }),
    ).assign(binding, candidates('a'), context);
    expect(result).toEqual({
      status: Status.unschedulable('no assign plugin handles this dividing strategy'),
    });
  });

  it('stops at a permit plugin that rejects, naming it', () => {
    const deny: PermitPlugin = { name: 'Deny', permit: () => Status.unschedulable('not now') };
    const result = new ClusternetStrategy(points({ ...defaults(), permit: [deny] })).assign(
      replication(),
      candidates('a'),
      context,
    );
    expect(result.status).toEqual(Status.unschedulable('not now').withPlugin('Deny'));
  });

  it('uses the first binder that does not skip and tells the post-bind plugins', () => {
    const skipping: BindPlugin = { name: 'Skipper', bind: () => ({ status: Status.skip }) };
    const seen: string[][] = [];
    const post: PostBindPlugin = {
      name: 'Post',
      postBind: (_s, _b, placement) => seen.push(placement.map((t) => t.name)),
    };
    const result = new ClusternetStrategy(
      points({ ...defaults(), bind: [skipping, new DefaultBinder()], postBind: [post] }),
    ).assign(replication(), candidates('b', 'a'), context);
    expect(result.clusters?.map((t) => t.name)).toEqual(['a', 'b']);
    expect(seen).toEqual([['a', 'b']]);
  });

  it('reports a profile without a binder as an error', () => {
    expect(
      new ClusternetStrategy(points({ ...defaults(), bind: [] })).assign(
        replication(),
        candidates('a'),
        context,
      ).status?.code,
    ).toBe('Error');
  });

  it('observes each Clusternet point it runs', () => {
    const observed: string[] = [];
    const clock = {
      now: () => 0,
      setTimeout: () => ({ id: 0 }),
      clearTimeout: () => undefined,
      sleep: async () => undefined,
    };
    const binding = subscription(3, {
      schedulingStrategy: 'Dividing',
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } }, weight: 1 }],
    });
    new ClusternetStrategy(points(defaults()), {
      clock,
      observe: (point, status) => observed.push(`${point}:${status}`),
    }).assign(binding, candidates('a'), context);
    expect(observed).toEqual([
      'preAssign:Success',
      'assign:Success',
      'permit:Success',
      'preBind:Success',
      'bind:Success',
    ]);
  });

  it.each([
    { name: 'replication', binding: makeBinding('r'), want: true },
    {
      name: 'aggregated division',
      binding: makeBinding('a', {
        placement: { replicaScheduling: { type: 'Divided', division: 'Aggregated' } },
      }),
      want: false,
    },
  ])('applies to $name: $want', ({ binding, want }) => {
    expect(new ClusternetStrategy(points(defaults())).appliesTo(binding)).toBe(want);
  });
});
