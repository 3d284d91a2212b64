import {
  CycleState,
  InMemoryStateStore,
  Informer,
  Status,
  WorkloadGroups,
  type Binding,
  type EvictionTask,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { KARMADA_PLUGIN_REGISTRATIONS, KARMADA_SCHEDULER_PROFILE } from '../karmada-plugins';
import { KARMADA_PLUGIN_NAMES } from '../names';
import {
  REASON_ANTI_AFFINITY_GROUP_HERE,
  type WorkloadAntiAffinity,
  workloadAntiAffinityRegistration,
} from '../workload-anti-affinity/workload-anti-affinity';
import {
  REASON_AFFINITY_GROUP_ELSEWHERE,
  REASON_NO_GROUP_VIEW,
  type WorkloadAffinity,
  workloadAffinityRegistration,
} from './workload-affinity';

const SHOP = 'app.kubernetes.io/part-of=shop';

/** A binding of `group` (affinity or anti-affinity) in `namespace`, on `on`, leaving `leaving`. */
function member(
  name: string,
  options: {
    namespace?: string;
    affinity?: string;
    antiAffinity?: string;
    on?: string[];
    leaving?: string[];
  },
): Binding {
  const b = makeBinding(name, {
    namespace: options.namespace ?? 'shop',
    ...(options.on ? { clusters: options.on.map((c) => ({ name: c, replicas: 1 })) } : {}),
  });
  const tasks: EvictionTask[] = (options.leaving ?? []).map((fromCluster) => ({
    fromCluster,
    purgeMode: 'Gracefully',
    reason: 'TaintUntolerated',
    producer: 'TaintManager',
    creationTimestamp: 0,
  }));
  return {
    ...b,
    spec: {
      ...b.spec,
      workloadAffinityGroups: {
        ...(options.affinity ? { affinityGroup: options.affinity } : {}),
        ...(options.antiAffinity ? { antiAffinityGroup: options.antiAffinity } : {}),
      },
      ...(tasks.length > 0 ? { evictionTasks: tasks } : {}),
    },
  };
}

/** The group view over a real store and informer holding `others`. */
async function viewOf(others: Binding[]): Promise<{ groups: WorkloadGroups; stop: () => void }> {
  const store = new InMemoryStateStore();
  for (const b of others) await store.create('Binding', b);
  const informer = new Informer(store, 'Binding');
  const groups = new WorkloadGroups();
  groups.follow(informer);
  await informer.start();
  return { groups, stop: () => informer.stop() };
}

const cluster = (name: string) => makeCluster(name).build();

describe('WorkloadAffinity', () => {
  it.each<{ name: string; others: Binding[]; binding: Binding; want: Record<string, Status> }>([
    {
      name: 'the first workload of a group is not held back: every cluster passes',
      others: [],
      binding: member('database', { affinity: SHOP }),
      want: { member1: Status.success, member2: Status.success },
    },
    {
      name: 'a placed workload of the group pins the next one to its cluster',
      others: [member('database', { affinity: SHOP, on: ['member1'] })],
      binding: member('server', { affinity: SHOP }),
      want: {
        member1: Status.success,
        member2: Status.unschedulable(REASON_AFFINITY_GROUP_ELSEWHERE),
      },
    },
    {
      name: 'a group is namespace-scoped: the same group in another namespace does not pin',
      others: [member('database', { namespace: 'other', affinity: SHOP, on: ['member1'] })],
      binding: member('server', { affinity: SHOP }),
      want: { member1: Status.success, member2: Status.success },
    },
    {
      name: 'another group does not pin',
      others: [member('database', { affinity: 'app.kubernetes.io/part-of=blog', on: ['member1'] })],
      binding: member('server', { affinity: SHOP }),
      want: { member1: Status.success, member2: Status.success },
    },
    {
      name: 'a cluster must hold every placed workload of the group',
      others: [
        member('database', { affinity: SHOP, on: ['member1', 'member2'] }),
        member('config', { affinity: SHOP, on: ['member2'] }),
      ],
      binding: member('server', { affinity: SHOP }),
      want: {
        member1: Status.unschedulable(REASON_AFFINITY_GROUP_ELSEWHERE),
        member2: Status.success,
      },
    },
    {
      name: 'a cluster the binding already uses passes',
      others: [member('database', { affinity: SHOP, on: ['member1'] })],
      binding: member('server', { affinity: SHOP, on: ['member2'] }),
      want: { member2: Status.success },
    },
    {
      name: 'copies on a cluster the group is leaving do not pin it there (Karmada deadlocks, #7479)',
      others: [member('database', { affinity: SHOP, on: ['member1'] })],
      binding: member('server', { affinity: SHOP, leaving: ['member1'] }),
      want: { member2: Status.success, member3: Status.success },
    },
    {
      name: 'a binding without a group passes everywhere',
      others: [member('database', { affinity: SHOP, on: ['member1'] })],
      binding: makeBinding('server', { namespace: 'shop' }),
      want: { member2: Status.success },
    },
  ])('$name', async ({ others, binding, want }) => {
    const { groups, stop } = await viewOf(others);
    const plugin = workloadAffinityRegistration.factory(undefined, {
      now: () => 0,
      workloadGroups: groups,
    }) as WorkloadAffinity;
    const got = Object.fromEntries(
      Object.keys(want).map((name) => [
        name,
        plugin.filter(new CycleState(), binding, cluster(name)),
      ]),
    );
    expect(got).toEqual(want);
    stop();
  });

  it('refuses to judge a grouped binding without a group view', () => {
    const plugin = workloadAffinityRegistration.factory(undefined, { now: () => 0 });
    expect(
      (plugin as WorkloadAffinity).filter(
        new CycleState(),
        member('server', { affinity: SHOP }),
        cluster('member1'),
      ),
    ).toEqual(Status.unschedulable(REASON_NO_GROUP_VIEW));
  });

  it('shares verdicts only between bindings without a group', () => {
    const plugin = workloadAffinityRegistration.factory(undefined, {
      now: () => 0,
    }) as WorkloadAffinity;
    expect(plugin.equivalenceKey(makeBinding('a'))).toBe('');
    expect(plugin.equivalenceKey(member('b', { affinity: SHOP }))).toBeUndefined();
  });
});

describe('WorkloadAntiAffinity', () => {
  it.each<{ name: string; others: Binding[]; binding: Binding; want: Record<string, Status> }>([
    {
      name: 'the first workload of a group passes everywhere',
      others: [],
      binding: member('pipeline-a', { antiAffinity: 'ha=indexer' }),
      want: { member1: Status.success, member2: Status.success },
    },
    {
      name: 'a cluster another workload of the group runs on is refused',
      others: [member('pipeline-a', { antiAffinity: 'ha=indexer', on: ['member1'] })],
      binding: member('pipeline-b', { antiAffinity: 'ha=indexer' }),
      want: {
        member1: Status.unschedulable(REASON_ANTI_AFFINITY_GROUP_HERE),
        member2: Status.success,
      },
    },
    {
      name: 'the same group in another namespace does not keep it away',
      others: [
        member('pipeline-a', { namespace: 'other', antiAffinity: 'ha=indexer', on: ['member1'] }),
      ],
      binding: member('pipeline-b', { antiAffinity: 'ha=indexer' }),
      want: { member1: Status.success },
    },
    {
      name: 'another group does not keep it away',
      others: [member('pipeline-a', { antiAffinity: 'ha=aggregator', on: ['member1'] })],
      binding: member('pipeline-b', { antiAffinity: 'ha=indexer' }),
      want: { member1: Status.success },
    },
    {
      name: 'a cluster the binding already uses passes',
      others: [member('pipeline-a', { antiAffinity: 'ha=indexer', on: ['member1'] })],
      binding: member('pipeline-b', { antiAffinity: 'ha=indexer', on: ['member1'] }),
      want: { member1: Status.success },
    },
  ])('$name', async ({ others, binding, want }) => {
    const { groups, stop } = await viewOf(others);
    const plugin = workloadAntiAffinityRegistration.factory(undefined, {
      now: () => 0,
      workloadGroups: groups,
    }) as WorkloadAntiAffinity;
    const got = Object.fromEntries(
      Object.keys(want).map((name) => [
        name,
        plugin.filter(new CycleState(), binding, cluster(name)),
      ]),
    );
    expect(got).toEqual(want);
    stop();
  });
});

describe("Karmada's profile", () => {
  it('registers and runs both filters', () => {
    const names = KARMADA_PLUGIN_REGISTRATIONS.map((r) => r.name);
    const filters = KARMADA_SCHEDULER_PROFILE.plugins.filter?.enabled?.map((p) => p.name);
    for (const name of [
      KARMADA_PLUGIN_NAMES.WorkloadAffinity,
      KARMADA_PLUGIN_NAMES.WorkloadAntiAffinity,
    ]) {
      expect(names).toContain(name);
      expect(filters).toContain(name);
    }
  });
});
