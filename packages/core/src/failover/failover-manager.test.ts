import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  EVICTION_POLICY,
  FailoverManager,
  HEALTH_DETECTOR,
  InMemoryStateStore,
  MemoryEventRecorder,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  TAINTER,
  VirtualClock,
  findUntoleratedTaint,
  register,
  registerCore,
  resolve,
  type Binding,
  type Cluster,
  type EvictionPolicy,
  type HealthDetector,
  type SchedulingStrategy,
  type Tainter,
} from '../index';
import { InMemoryActuator, makeBinding, makeCluster, untoleratedTaintFilter } from '../testing';

// A trivial detector: Ready while the agent heartbeated in the last 30 s.
const heartbeatDetector = (clock: VirtualClock): HealthDetector => ({
  async check(cluster: Cluster) {
    const fresh = clock.now() - (cluster.status?.lastHeartbeatTime ?? -Infinity) <= 30_000;
    return {
      ready: {
        type: 'Ready',
        status: fresh ? 'True' : 'False',
        reason: fresh ? 'Heartbeat' : 'NoHeartbeat',
        message: '',
        lastTransitionTime: clock.now(),
      },
      recheckAfterMs: 5_000,
    };
  },
});

const DOWN = 'example.com/down';
const downTainter: Tainter = {
  reconcile: (cluster) => {
    const ready = cluster.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const taint = { key: DOWN, effect: 'NoExecute' as const };
    return ready === 'False' ? { add: [taint], remove: [] } : { add: [], remove: [taint] };
  },
};

const evictUntolerated: EvictionPolicy = {
  decide: (binding, cluster) => {
    const taint = findUntoleratedTaint(
      cluster.spec.taints ?? [],
      binding.spec.placement.clusterTolerations ?? [],
      (t) => t.effect === 'NoExecute',
    );
    return taint
      ? { evict: { purgeMode: 'Directly', reason: 'TaintUntolerated', producer: 'Test' } }
      : {};
  },
  review: () => ({ done: true }),
};

// A trivial strategy: keep what survivors hold, spread the missing replicas round-robin by score.
const evenSpread: SchedulingStrategy = {
  name: 'EvenSpread',
  appliesTo: (binding: Binding) => binding.spec.placement.replicaScheduling.type === 'Divided',
  assign: (binding, candidates) => {
    const names = candidates.map((c) => c.cluster.metadata.name);
    const counts = new Map(
      names.map((n) => [n, binding.spec.clusters?.find((t) => t.name === n)?.replicas ?? 0]),
    );
    let missing = binding.spec.replicas - [...counts.values()].reduce((a, b) => a + b, 0);
    for (let i = 0; missing > 0; i++, missing--) {
      const name = names[i % names.length] as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return {
      clusters: [...counts]
        .filter(([, r]) => r > 0)
        .map(([name, replicas]) => ({ name, replicas })),
    };
  },
};

async function compose() {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock, store, recorder, logger: pino({ level: 'silent' }) });
  const actuator = new InMemoryActuator(store, clock, 10);
  register(container, HEALTH_DETECTOR, { useValue: heartbeatDetector(clock) });
  register(container, TAINTER, { useValue: downTainter });
  register(container, EVICTION_POLICY, { useValue: evictUntolerated });
  register(container, SCHEDULER_PLUGINS, { useValue: untoleratedTaintFilter('TestTaints') });
  register(container, SCHEDULER_PROFILE, {
    useValue: { schedulerName: 'test', plugins: { filter: { enabled: [{ name: 'TestTaints' }] } } },
  });
  register(container, SCHEDULING_STRATEGIES, { useValue: evenSpread });
  register(container, ACTUATOR, { useValue: actuator });
  const manager = resolve(container, FailoverManager);
  return { clock, store, recorder, actuator, manager, container };
}

describe('a failover controller composed from core parts only', () => {
  it('re-places the replicas of a failed cluster on the others without losing any', async () => {
    const { clock, store, recorder, actuator, manager } = await compose();
    const alive = new Set(['member1', 'member2', 'member3']);
    for (const name of alive) await store.create('Cluster', makeCluster(name).build());
    // The agents: every 10 s each live cluster reports a heartbeat.
    const heartbeat = async () => {
      for (const name of [...alive].sort()) {
        const cluster = await store.get('Cluster', name);
        if (cluster)
          await store.update('Cluster', {
            ...cluster,
            status: { ...cluster.status, lastHeartbeatTime: clock.now() },
          });
      }
      clock.setTimeout(() => void heartbeat(), 10_000);
    };
    await heartbeat();
    await store.create(
      'Binding',
      makeBinding('foo', {
        replicas: 6,
        placement: {
          replicaScheduling: {
            type: 'Divided',
            division: 'DynamicWeight',
            dynamicWeight: 'AvailableReplicas',
          },
        },
      }),
    );
    await manager.start();
    await clock.advance(60_000);

    expect(actuator.runningReplicas('default/foo')).toEqual({ member1: 2, member2: 2, member3: 2 });
    expect(actuator.readyReplicas('default/foo')).toBe(6);

    alive.delete('member1');
    await actuator.failCluster('member1');
    const failedAt = clock.now();
    await clock.advance(120_000);

    const member1 = await store.get('Cluster', 'member1');
    expect(member1?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(member1?.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([`${DOWN}:NoExecute`]);
    const foo = await store.get('Binding', 'default/foo');
    const placement = Object.fromEntries(
      (foo?.spec.clusters ?? []).map((c) => [c.name, c.replicas]),
    );
    expect(placement).toEqual({ member2: 3, member3: 3 });
    expect(foo?.spec.evictionTasks ?? []).toEqual([]);
    expect(actuator.runningReplicas('default/foo')).toEqual({ member2: 3, member3: 3 });
    expect(actuator.readyReplicas('default/foo')).toBe(6);

    expect(recorder.withReason('EvictionStarted')).toHaveLength(1);
    const eviction = recorder.withReason('EvictionStarted')[0];
    expect(eviction?.message).toContain('member1');
    // Detected after the 30 s heartbeat window, within one more heartbeat period and check period.
    expect((eviction?.time ?? 0) - failedAt).toBeGreaterThan(30_000);
    expect((eviction?.time ?? 0) - failedAt).toBeLessThanOrEqual(45_000);
    await manager.stop();
  });

  it('reports an unschedulable binding with every cluster and the plugin that rejected it', async () => {
    const { clock, store, manager } = await compose();
    for (const name of ['a', 'b']) {
      await store.create(
        'Cluster',
        makeCluster(name).taint({ key: 'example.com/maintenance', effect: 'NoSchedule' }).build(),
      );
    }
    await store.create(
      'Binding',
      makeBinding('bar', {
        replicas: 2,
        placement: {
          replicaScheduling: {
            type: 'Divided',
            division: 'DynamicWeight',
            dynamicWeight: 'AvailableReplicas',
          },
        },
      }),
    );
    await manager.start();
    await clock.advance(1_000);
    const bar = await store.get('Binding', 'default/bar');
    const scheduled = bar?.status?.conditions?.find((c) => c.type === 'Scheduled');
    expect(scheduled?.status).toBe('False');
    expect(scheduled?.message).toBe(
      '0/2 clusters are available: 2 cluster(s) had an untolerated taint.',
    );
    await manager.stop();
  });
});
