import type { EvictionPolicy } from '../contracts/eviction-policy';
import { Informer } from '../controller/informer';
import type { Binding, EvictionTask } from '../model/binding';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { makeBinding, makeCluster } from '../testing/builders';
import {
  REASON_GROUP_LEAVING,
  GroupEvictionPolicy,
  WORKLOAD_GROUP_PRODUCER,
} from './group-eviction-policy';
import { isPlacementHealthy } from './placement-health';
import { WorkloadGroups } from './workload-groups';

const SHOP = { affinityGroup: 'app.kubernetes.io/part-of=shop' };

const task = (fromCluster: string): EvictionTask => ({
  fromCluster,
  purgeMode: 'Gracefully',
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  creationTimestamp: 0,
});

/** A shop workload on `on` (healthy there when `ready`), leaving `leaving`. */
function part(
  name: string,
  on: string,
  options: { ready?: boolean; leaving?: string } = {},
): Binding {
  const b = makeBinding(name, { clusters: [{ name: on, replicas: 1 }] });
  return {
    ...b,
    spec: {
      ...b.spec,
      workloadAffinityGroups: SHOP,
      ...(options.leaving ? { evictionTasks: [task(options.leaving)] } : {}),
    },
    status: {
      aggregatedStatus: [
        {
          clusterName: on,
          applied: true,
          health: options.ready ? 'Healthy' : 'Unknown',
          readyReplicas: options.ready ? 1 : 0,
        },
      ],
    },
  };
}

/** A policy double: never evicts, and finishes a task once the binding's placement is healthy. */
const inner: EvictionPolicy = {
  decide: () => ({}),
  review: (binding) => ({ done: isPlacementHealthy(binding), reason: 'NewPlacementHealthy' }),
  evictionsPerSecond: 0.5,
};

async function policyOver(bindings: Binding[]): Promise<GroupEvictionPolicy> {
  const store = new InMemoryStateStore();
  for (const b of bindings) await store.create('Binding', b);
  const informer = new Informer(store, 'Binding');
  const groups = new WorkloadGroups();
  groups.follow(informer);
  await informer.start();
  return new GroupEvictionPolicy(inner, groups);
}

describe('GroupEvictionPolicy', () => {
  it('keeps the wrapped policy rate', async () => {
    expect((await policyOver([])).evictionsPerSecond).toBe(0.5);
  });

  it('makes a workload leave, gracefully, a cluster another workload of its group is leaving', async () => {
    const server = part('server', 'member1', { ready: true });
    const policy = await policyOver([part('database', 'member3', { leaving: 'member1' }), server]);
    expect(policy.decide(server, makeCluster('member1').build(), 0)).toEqual({
      evict: {
        purgeMode: 'Gracefully',
        reason: REASON_GROUP_LEAVING,
        producer: WORKLOAD_GROUP_PRODUCER,
        message: 'database of affinity group app.kubernetes.io/part-of=shop is leaving member1',
      },
    });
    expect(policy.decide(server, makeCluster('member2').build(), 0)).toEqual({});
  });

  it('does not move a workload of another namespace or without a group', async () => {
    const leader = part('database', 'member3', { leaving: 'member1' });
    const other = { ...part('server', 'member1'), metadata: { name: 'server', namespace: 'blog' } };
    const plain = makeBinding('config', { clusters: [{ name: 'member1', replicas: 1 }] });
    const policy = await policyOver([leader, other, plain]);
    expect(policy.decide(other, makeCluster('member1').build(), 0)).toEqual({});
    expect(policy.decide(plain, makeCluster('member1').build(), 0)).toEqual({});
  });

  it('holds a task until every workload of the group is ready off the cluster it leaves', async () => {
    const database = part('database', 'member3', { ready: true, leaving: 'member1' });
    const stillThere = await policyOver([database, part('server', 'member1', { ready: true })]);
    expect(stillThere.review(database, task('member1'), 0).done).toBe(false);

    const notReady = await policyOver([
      database,
      part('server', 'member3', { leaving: 'member1' }),
    ]);
    expect(notReady.review(database, task('member1'), 0).done).toBe(false);

    const ready = await policyOver([
      database,
      part('server', 'member3', { ready: true, leaving: 'member1' }),
    ]);
    expect(ready.review(database, task('member1'), 0)).toEqual({
      done: true,
      reason: 'NewPlacementHealthy',
    });
  });
});
