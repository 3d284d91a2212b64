import { fixedScores, makeBinding, makeCluster, rejectClusters } from '@lifeboat/core/testing';
import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type {
  FilterPlugin,
  PluginRegistration,
  PostFilterPlugin,
  PreFilterPlugin,
  ReservePlugin,
} from '../contracts/scheduler-plugins';
import type {
  AssignContext,
  AssignResult,
  ScoredCluster,
  SchedulingStrategy,
} from '../contracts/scheduling-strategy';
import type { Binding, EvictionTask } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { stateKey } from './cycle-state';
import { SchedulerFramework } from './framework';
import { clusterEvictionRegistration } from './plugins/cluster-eviction';
import type { SchedulerProfile } from './profile';
import { Scheduler } from './scheduler';
import { Status } from './status';

const NOW = 1_000_000;
const clusters = (...names: string[]): Cluster[] => names.map((n) => makeCluster(n).build());

/** A strategy that records what it was given and puts one replica on every candidate. */
class RecordingStrategy implements SchedulingStrategy {
  readonly calls: { candidates: string[]; scores: number[]; context: AssignContext }[] = [];

  constructor(
    readonly name: string,
    private readonly applies: (b: Binding) => boolean = () => true,
    private readonly result?: (candidates: readonly ScoredCluster[]) => AssignResult,
  ) {}

  appliesTo(binding: Binding): boolean {
    return this.applies(binding);
  }

  assign(
    _binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    this.calls.push({
      candidates: candidates.map((c) => c.cluster.metadata.name),
      scores: candidates.map((c) => c.score),
      context,
    });
    return (
      this.result?.(candidates) ?? {
        clusters: candidates.map((c) => ({ name: c.cluster.metadata.name, replicas: 1 })),
      }
    );
  }
}

function schedulerWith(
  options: {
    registrations?: PluginRegistration[];
    plugins?: SchedulerProfile['plugins'];
    strategies?: SchedulingStrategy[];
    estimators?: CapacityEstimator[];
  } = {},
) {
  const framework = new SchedulerFramework(
    options.registrations ?? [],
    { schedulerName: 'test', plugins: options.plugins ?? {} },
    { now: () => NOW },
  );
  return new Scheduler(
    framework,
    options.strategies ?? [new RecordingStrategy('Spread')],
    options.estimators ?? [],
  );
}

const evictionTask = (fromCluster: string): EvictionTask => ({
  fromCluster,
  purgeMode: 'Gracefully',
  reason: 'TaintUntolerated',
  producer: 'Test',
  creationTimestamp: 0,
});

/** A binding being evicted from `fromCluster`. */
const evicting = (fromCluster: string): Binding => {
  const binding = makeBinding('foo');
  return { ...binding, spec: { ...binding.spec, evictionTasks: [evictionTask(fromCluster)] } };
};

describe('Scheduler', () => {
  describe('candidates and order', () => {
    it('offers clusters in name order when scores tie, whatever order they were given in', async () => {
      const strategy = new RecordingStrategy('Spread');
      const result = await schedulerWith({ strategies: [strategy] }).schedule(
        makeBinding('foo'),
        clusters('c', 'a', 'b'),
        NOW,
      );
      expect(strategy.calls[0]?.candidates).toEqual(['a', 'b', 'c']);
      expect(result).toMatchObject({
        ok: true,
        strategy: 'Spread',
        clusters: [
          { name: 'a', replicas: 1 },
          { name: 'b', replicas: 1 },
          { name: 'c', replicas: 1 },
        ],
      });
    });

    it('orders candidates by weighted total score, best first, ties by name', async () => {
      const strategy = new RecordingStrategy('Spread');
      const scheduler = schedulerWith({
        registrations: [
          fixedScores('S1', { a: 10, b: 90, c: 60, d: 90 }),
          fixedScores('S2', { c: 10 }),
        ],
        plugins: { score: { enabled: [{ name: 'S1' }, { name: 'S2', weight: 3 }] } },
        strategies: [strategy],
      });
      const result = await scheduler.schedule(
        makeBinding('foo'),
        clusters('d', 'c', 'b', 'a'),
        NOW,
      );
      expect(strategy.calls[0]?.candidates).toEqual(['b', 'c', 'd', 'a']);
      expect(strategy.calls[0]?.scores).toEqual([90, 90, 90, 10]);
      expect(
        result.ok && result.scored.map((s) => `${s.cluster.metadata.name}=${s.score}`),
      ).toEqual(['b=90', 'c=90', 'd=90', 'a=10']);
    });

    it('never offers a cluster the binding has an open eviction task for, with ClusterEviction', async () => {
      const strategy = new RecordingStrategy('Spread');
      await schedulerWith({
        registrations: [clusterEvictionRegistration],
        plugins: { filter: { enabled: [{ name: 'ClusterEviction' }] } },
        strategies: [strategy],
      }).schedule(evicting('b'), clusters('a', 'b', 'c'), NOW);
      expect(strategy.calls[0]?.candidates).toEqual(['a', 'c']);
    });

    it('has no eviction rule of its own: a profile without such a filter may offer an evicting cluster', async () => {
      const strategy = new RecordingStrategy('Spread');
      await schedulerWith({ strategies: [strategy] }).schedule(
        evicting('b'),
        clusters('a', 'b', 'c'),
        NOW,
      );
      expect(strategy.calls[0]?.candidates).toEqual(['a', 'b', 'c']);
    });
  });

  describe('post-filter nominations', () => {
    const nominate = (...names: string[]): PluginRegistration => ({
      name: 'Fallback',
      factory: (): PostFilterPlugin => ({
        name: 'Fallback',
        postFilter: () => ({ status: Status.success, nominated: names }),
      }),
    });

    it('puts the nominated clusters through every filter: an evicting one is not offered', async () => {
      const strategy = new RecordingStrategy('Spread');
      const result = await schedulerWith({
        registrations: [
          rejectClusters('Reject', ['a', 'c']),
          clusterEvictionRegistration,
          nominate('a', 'b', 'c'),
        ],
        plugins: {
          filter: { enabled: [{ name: 'ClusterEviction' }, { name: 'Reject' }] },
          postFilter: { enabled: [{ name: 'Fallback' }] },
        },
        strategies: [strategy],
      }).schedule(evicting('b'), clusters('c', 'b', 'a'), NOW);
      // a and c are rejected by Reject again; b by ClusterEviction.
      expect(result.ok).toBe(false);
      expect(strategy.calls).toEqual([]);
      expect(!result.ok && result.fitError?.message()).toBe(
        '0/3 clusters are available: 1 cluster(s) is in the process of eviction, 2 cluster(s) rejected by test.',
      );
    });

    it('offers only the nominated clusters that pass, in name order', async () => {
      // A filter that rejects everything until a post-filter opens a fallback through the cycle state.
      const opened = stateKey<boolean>('test/opened');
      const gate: FilterPlugin & PostFilterPlugin = {
        name: 'Gate',
        filter: (state, _b, cluster) =>
          state.read(opened) && cluster.metadata.name !== 'a'
            ? Status.success
            : Status.unschedulable('is closed'),
        postFilter: (state) => {
          state.write(opened, true);
          return { status: Status.success, nominated: ['d', 'a', 'c', 'nowhere'] };
        },
      };
      const strategy = new RecordingStrategy('Spread');
      const result = await schedulerWith({
        registrations: [
          { name: 'Gate', factory: () => gate },
          rejectClusters('Frozen', ['c'], 'is frozen'),
        ],
        plugins: {
          filter: { enabled: [{ name: 'Gate' }, { name: 'Frozen' }] },
          postFilter: { enabled: [{ name: 'Gate' }] },
        },
        strategies: [strategy],
      }).schedule(makeBinding('foo'), clusters('a', 'b', 'c', 'd'), NOW);
      expect(strategy.calls[0]?.candidates).toEqual(['d']);
      expect(result.ok && result.clusters).toEqual([{ name: 'd', replicas: 1 }]);
    });

    it('is unschedulable when no nomination passes, explained by the filters that rejected them', async () => {
      const result = await schedulerWith({
        registrations: [
          rejectClusters('Taint', ['a'], 'had untolerated taint {k: v}'),
          rejectClusters('Frozen', ['b'], 'is frozen'),
          nominate('b'),
        ],
        plugins: {
          filter: { enabled: [{ name: 'Taint' }, { name: 'Frozen' }] },
          postFilter: { enabled: [{ name: 'Fallback' }] },
        },
      }).schedule(makeBinding('foo'), clusters('a', 'b'), NOW);
      expect(result).toMatchObject({ ok: false, status: { code: 'Unschedulable' } });
      expect(!result.ok && result.fitError?.message()).toBe(
        '0/2 clusters are available: 1 cluster(s) had untolerated taint {k: v}, 1 cluster(s) is frozen.',
      );
    });
  });

  describe('post-filter after the strategy could not place the replicas', () => {
    // Two groups by label: the filter accepts the group in force, the post-filter moves on.
    const group = stateKey<string>('test/group');
    const groups: FilterPlugin & PostFilterPlugin = {
      name: 'Groups',
      filter: (state, _b, cluster) =>
        cluster.metadata.name.startsWith(state.read(group) ?? 'a')
          ? Status.success
          : Status.unschedulable('is in another group'),
      postFilter: (state, _b, rejected, context) => {
        if (state.read(group) === 'b') return { status: Status.unschedulable('no more groups') };
        state.write(group, 'b');
        const unassigned = context?.unassigned;
        contexts.push(
          unassigned
            ? `${unassigned.clusters.join()}: ${unassigned.status.message()} (${unassigned.status.plugin})`
            : 'none',
        );
        return { status: Status.success, nominated: [...rejected.keys()] };
      },
    };
    let contexts: string[] = [];
    beforeEach(() => (contexts = []));
    // Holds only where there is room for 2 per cluster, a stand-in for a capacity check.
    const fits = (room: Record<string, number>) =>
      new RecordingStrategy('Fit', undefined, (candidates) =>
        candidates.every((c) => (room[c.cluster.metadata.name] ?? 0) >= 2)
          ? { clusters: candidates.map((c) => ({ name: c.cluster.metadata.name, replicas: 2 })) }
          : { status: Status.unschedulable('not enough room') },
      );
    const scheduler = (strategy: SchedulingStrategy) =>
      schedulerWith({
        registrations: [{ name: 'Groups', factory: () => groups }],
        plugins: {
          filter: { enabled: [{ name: 'Groups' }] },
          postFilter: { enabled: [{ name: 'Groups' }] },
        },
        strategies: [strategy],
      });

    it('runs the post-filters with the clusters the strategy could not use, and schedules their nominations', async () => {
      const strategy = fits({ a1: 1, b1: 5 });
      const result = await scheduler(strategy).schedule(
        makeBinding('foo'),
        clusters('a1', 'b1'),
        NOW,
      );
      expect(contexts).toEqual(['a1: not enough room (Fit)']);
      expect(strategy.calls.map((c) => c.candidates)).toEqual([['a1'], ['b1']]);
      expect(result.ok && result.clusters).toEqual([{ name: 'b1', replicas: 2 }]);
    });

    it('explains every round when no nomination can be placed either', async () => {
      const result = await scheduler(fits({ a1: 1, b1: 1 })).schedule(
        makeBinding('foo'),
        clusters('a1', 'b1'),
        NOW,
      );
      expect(!result.ok && result.status.plugin).toBe('Fit');
      expect(!result.ok && result.fitError?.message()).toBe(
        '0/2 clusters are available: 2 cluster(s) could not take the replicas (not enough room).',
      );
    });

    it('keeps the strategy reason of a first round that no post-filter rescues', async () => {
      const result = await schedulerWith({
        strategies: [fits({})],
      }).schedule(makeBinding('foo'), clusters('a1', 'b1'), NOW);
      expect(!result.ok && result.fitError?.message()).toBe(
        '2/2 clusters are available: not enough room.',
      );
    });
  });

  describe('strategy and estimators', () => {
    it('uses the last registered strategy that applies', async () => {
      const first = new RecordingStrategy('First');
      const second = new RecordingStrategy('Second');
      const notForThis = new RecordingStrategy('Other', () => false);
      const scheduler = schedulerWith({ strategies: [first, second, notForThis] });
      expect(scheduler.strategyFor(makeBinding('foo'))).toBe(second);
      const result = await scheduler.schedule(makeBinding('foo'), clusters('a'), NOW);
      expect(result.ok && result.strategy).toBe('Second');
      expect(first.calls).toEqual([]);
      expect(notForThis.calls).toEqual([]);
    });

    it('chooses by the binding: a strategy that applies only to Divided is passed over for Duplicated', () => {
      const divided = new RecordingStrategy(
        'Divided',
        (b) => b.spec.placement.replicaScheduling.type === 'Divided',
      );
      const duplicated = new RecordingStrategy(
        'Duplicated',
        (b) => b.spec.placement.replicaScheduling.type === 'Duplicated',
      );
      const scheduler = schedulerWith({ strategies: [duplicated, divided] });
      expect(scheduler.strategyFor(makeBinding('foo'))?.name).toBe('Duplicated');
      expect(
        scheduler.strategyFor(
          makeBinding('foo', {
            placement: { replicaScheduling: { type: 'Divided', division: 'Aggregated' } },
          }),
        )?.name,
      ).toBe('Divided');
    });

    it('fails with an Error status when no strategy applies', async () => {
      const result = await schedulerWith({
        strategies: [new RecordingStrategy('Other', () => false)],
      }).schedule(makeBinding('foo'), clusters('a'), NOW);
      expect(result).toEqual({
        ok: false,
        status: Status.error(
          new Error(
            'no scheduling strategy applies to replica scheduling {"type":"Duplicated"}; register one under SCHEDULING_STRATEGIES',
          ),
        ),
      });
    });

    it('passes the per-cluster minimum of the estimators, for feasible clusters only, and the time', async () => {
      const seen: string[][] = [];
      const estimator = (name: string, answer: Record<string, number>): CapacityEstimator => ({
        name,
        maxAvailableReplicas: async (_b, cs) => {
          seen.push(cs.map((c) => c.metadata.name));
          return new Map(Object.entries(answer));
        },
      });
      const strategy = new RecordingStrategy('Spread');
      await schedulerWith({
        registrations: [rejectClusters('Reject', ['d'])],
        plugins: { filter: { enabled: [{ name: 'Reject' }] } },
        strategies: [strategy],
        estimators: [estimator('E1', { a: 5, b: 2 }), estimator('E2', { a: 3, c: 7 })],
      }).schedule(makeBinding('foo'), clusters('a', 'b', 'c', 'd'), NOW);
      expect(seen).toEqual([
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ]);
      expect(strategy.calls[0]?.context.availableReplicas).toEqual(
        new Map([
          ['a', 3],
          ['b', 2],
          ['c', 7],
        ]),
      );
      expect(strategy.calls[0]?.context.now).toBe(NOW);
    });

    it('passes an empty map without estimators (unbounded)', async () => {
      const strategy = new RecordingStrategy('Spread');
      await schedulerWith({ strategies: [strategy] }).schedule(
        makeBinding('foo'),
        clusters('a'),
        NOW,
      );
      expect(strategy.calls[0]?.context.availableReplicas).toEqual(new Map());
    });
  });

  describe('explaining an unschedulable binding', () => {
    it('lists every cluster with the plugin and reasons that rejected it', async () => {
      const result = await schedulerWith({
        registrations: [
          clusterEvictionRegistration,
          rejectClusters('TaintToleration', ['a', 'd'], 'had untolerated taint {maintenance: }'),
          rejectClusters('ClusterAffinity', ['c'], 'did not match the placement cluster affinity'),
        ],
        plugins: {
          filter: {
            enabled: [
              { name: 'ClusterEviction' },
              { name: 'TaintToleration' },
              { name: 'ClusterAffinity' },
            ],
          },
        },
      }).schedule(evicting('b'), clusters('d', 'c', 'b', 'a'), NOW);
      const message =
        '0/4 clusters are available: 1 cluster(s) did not match the placement cluster affinity, 1 cluster(s) is in the process of eviction, 2 cluster(s) had untolerated taint {maintenance: }.';
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.status).toEqual(Status.unschedulable(message));
      expect(result.fitError?.message()).toBe(message);
      expect(result.fitError?.rejections).toEqual([
        {
          cluster: 'a',
          plugin: 'TaintToleration',
          reasons: ['had untolerated taint {maintenance: }'],
        },
        { cluster: 'b', plugin: 'ClusterEviction', reasons: ['is in the process of eviction'] },
        {
          cluster: 'c',
          plugin: 'ClusterAffinity',
          reasons: ['did not match the placement cluster affinity'],
        },
        {
          cluster: 'd',
          plugin: 'TaintToleration',
          reasons: ['had untolerated taint {maintenance: }'],
        },
      ]);
    });

    it('names the clusters a pre-filter narrowed away', async () => {
      const narrow: PreFilterPlugin = {
        name: 'Affinity',
        preFilter: () => ({ status: Status.success, clusters: new Set(['a']) }),
      };
      const result = await schedulerWith({
        registrations: [
          { name: 'Affinity', factory: () => narrow },
          rejectClusters('Fit', ['a'], 'Insufficient cpu'),
        ],
        plugins: {
          preFilter: { enabled: [{ name: 'Affinity' }] },
          filter: { enabled: [{ name: 'Fit' }] },
        },
      }).schedule(makeBinding('foo'), clusters('a', 'b', 'c'), NOW);
      expect(!result.ok && result.fitError?.message()).toBe(
        '0/3 clusters are available: 1 cluster(s) Insufficient cpu, 2 cluster(s) were filtered out by pre-filter.',
      );
      expect(
        !result.ok && result.fitError?.rejections.map((r) => `${r.cluster}:${r.plugin}`),
      ).toEqual(['a:Fit', 'b:PreFilter', 'c:PreFilter']);
    });

    it('a pre-filter rejection rejects every cluster with that plugin and reason', async () => {
      const gate: PreFilterPlugin = {
        name: 'Gate',
        preFilter: () => ({ status: Status.unresolvable('placement names no cluster') }),
      };
      const result = await schedulerWith({
        registrations: [{ name: 'Gate', factory: () => gate }],
        plugins: { preFilter: { enabled: [{ name: 'Gate' }] } },
      }).schedule(makeBinding('foo'), clusters('b', 'a'), NOW);
      const message = '0/2 clusters are available: 2 cluster(s) placement names no cluster.';
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.status).toEqual(Status.unschedulable(message).withPlugin('Gate'));
      expect(result.fitError?.rejections).toEqual([
        { cluster: 'a', plugin: 'Gate', reasons: ['placement names no cluster'] },
        { cluster: 'b', plugin: 'Gate', reasons: ['placement names no cluster'] },
      ]);
    });

    it('a strategy that cannot place adds its reason after the rejected clusters', async () => {
      const strategy = new RecordingStrategy(
        'Aggregated',
        () => true,
        () => ({ status: Status.unschedulable('not enough capacity for 10 replicas') }),
      );
      const result = await schedulerWith({
        registrations: [rejectClusters('Fit', ['a'], 'Insufficient cpu')],
        plugins: { filter: { enabled: [{ name: 'Fit' }] } },
        strategies: [strategy],
      }).schedule(makeBinding('foo'), clusters('a', 'b', 'c'), NOW);
      const message =
        '2/3 clusters are available: 1 cluster(s) Insufficient cpu, not enough capacity for 10 replicas.';
      expect(result).toEqual({
        ok: false,
        status: Status.unschedulable(message).withPlugin('Aggregated'),
        fitError: expect.anything(),
      });
      expect(!result.ok && result.fitError?.message()).toBe(message);
    });
  });

  describe('errors abort the cycle', () => {
    it.each<{
      name: string;
      registrations: PluginRegistration[];
      plugins: SchedulerProfile['plugins'];
      strategy?: SchedulingStrategy;
      want: Status;
    }>([
      {
        name: 'a throwing filter',
        registrations: [
          {
            name: 'Boom',
            factory: () => ({
              name: 'Boom',
              filter: () => {
                throw new Error('cache not synced');
              },
            }),
          },
        ],
        plugins: { filter: { enabled: [{ name: 'Boom' }] } },
        want: Status.error(new Error('cache not synced')).withPlugin('Boom'),
      },
      {
        name: 'an out-of-range score',
        registrations: [fixedScores('Wild', { a: 500 })],
        plugins: { score: { enabled: [{ name: 'Wild' }] } },
        want: Status.error(
          new RangeError(
            'plugin "Wild" scored cluster "a" 500; scores must lie in [0, 100] after normalizing',
          ),
        ).withPlugin('Wild'),
      },
      {
        name: 'a strategy Error',
        registrations: [],
        plugins: {},
        strategy: new RecordingStrategy(
          'Broken',
          () => true,
          () => ({ status: Status.error('division bug') }),
        ),
        want: Status.error('division bug').withPlugin('Broken'),
      },
    ])('$name', async ({ registrations, plugins, strategy, want }) => {
      const result = await schedulerWith({
        registrations,
        plugins,
        ...(strategy ? { strategies: [strategy] } : {}),
      }).schedule(makeBinding('foo'), clusters('a', 'b'), NOW);
      expect(result).toEqual({ ok: false, status: want });
    });

    it('a failed reserve returns its status after un-reserving', async () => {
      const log: string[] = [];
      const quota: ReservePlugin = {
        name: 'Quota',
        reserve: (_s, _b, placement) => (
          log.push(`reserve ${placement.map((t) => t.name).join(',')}`),
          Status.unschedulable('quota exceeded')
        ),
        unreserve: () => void log.push('unreserve'),
      };
      const result = await schedulerWith({
        registrations: [{ name: 'Quota', factory: () => quota }],
        plugins: { reserve: { enabled: [{ name: 'Quota' }] } },
      }).schedule(makeBinding('foo'), clusters('b', 'a'), NOW);
      expect(result).toEqual({
        ok: false,
        status: Status.unschedulable('quota exceeded').withPlugin('Quota'),
      });
      expect(log).toEqual(['reserve a,b', 'unreserve']);
    });
  });

  it('is deterministic: the same inputs in any order give the same result', async () => {
    const make = () =>
      schedulerWith({
        registrations: [
          fixedScores('S', { a: 50, b: 50, c: 70, d: 10 }),
          rejectClusters('R', ['e']),
        ],
        plugins: { filter: { enabled: [{ name: 'R' }] }, score: { enabled: [{ name: 'S' }] } },
      });
    const one = await make().schedule(makeBinding('foo'), clusters('a', 'b', 'c', 'd', 'e'), NOW);
    const two = await make().schedule(makeBinding('foo'), clusters('e', 'd', 'c', 'b', 'a'), NOW);
    expect(two).toEqual(one);
    expect(one.ok && one.clusters.map((c) => c.name)).toEqual(['c', 'a', 'b', 'd']);
  });
});
