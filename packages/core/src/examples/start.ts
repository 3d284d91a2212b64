/**
 * `npm start`: a failover controller composed from @lifeboat/core parts alone, run for ten
 * virtual minutes. Three member clusters renew leases; member1 stops at 2m; the controller marks
 * it NotReady, taints it, evicts the workload and re-places its replicas. Prints the timeline.
 */
import 'reflect-metadata';
import pino from 'pino';
import { container } from 'tsyringe';
import {
  ACTUATOR,
  CLUSTER_EVICTION,
  EVICTION_POLICY,
  FailoverManager,
  HEALTH_DETECTOR,
  InMemoryStateStore,
  MemoryEventRecorder,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  Status,
  TAINTER,
  VirtualClock,
  clusterEvictionRegistration,
  desiredReplicasPerCluster,
  findUntoleratedTaint,
  isPlacementHealthy,
  register,
  registerCore,
  resolve,
  type Actuator,
  type Binding,
  type EvictionPolicy,
  type HealthDetector,
  type SchedulingStrategy,
  type StateStore,
  type Tainter,
} from '../index';

const LEASE_SECONDS = 40;
const UNREACHABLE = 'example.lifeboat.dev/unreachable';

/** Ready while the cluster's lease has been renewed within its duration. */
class LeaseDetector implements HealthDetector {
  constructor(
    private readonly store: StateStore,
    private readonly clock: VirtualClock,
  ) {}

  async check(cluster: { metadata: { name: string } }) {
    const lease = await this.store.get('Lease', `lifeboat-leases/${cluster.metadata.name}`);
    const renewed = lease?.spec.renewTime ?? Number.NEGATIVE_INFINITY;
    const live = this.clock.now() - renewed <= LEASE_SECONDS * 1000;
    return {
      ready: {
        type: 'Ready',
        status: live ? ('True' as const) : ('Unknown' as const),
        reason: live ? 'LeaseRenewed' : 'LeaseExpired',
        message: live ? 'lease is fresh' : `lease not renewed for ${LEASE_SECONDS}s`,
        lastTransitionTime: this.clock.now(),
      },
      recheckAfterMs: 5_000,
    };
  }
}

const tainter: Tainter = {
  reconcile(cluster) {
    const ready = cluster.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const taint = { key: UNREACHABLE, effect: 'NoExecute' as const };
    return ready === 'Unknown' ? { add: [taint], remove: [] } : { add: [], remove: [taint] };
  },
};

const policy: EvictionPolicy = {
  decide(binding, cluster) {
    const untolerated = findUntoleratedTaint(
      cluster.spec.taints ?? [],
      binding.spec.placement.clusterTolerations ?? [],
      (t) => t.effect === 'NoExecute',
    );
    return untolerated
      ? { evict: { purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'Example' } }
      : {};
  },
  review: (binding) => ({ done: isPlacementHealthy(binding), reason: 'NewPlacementHealthy' }),
};

/** Keeps survivors' replicas; gives each missing replica to the cluster holding the fewest. */
const fewestFirst: SchedulingStrategy = {
  name: 'FewestFirst',
  appliesTo: () => true,
  assign(binding, candidates) {
    const counts = new Map(
      candidates.map((c) => [
        c.cluster.metadata.name,
        binding.spec.clusters?.find((t) => t.name === c.cluster.metadata.name)?.replicas ?? 0,
      ]),
    );
    let missing = binding.spec.replicas - [...counts.values()].reduce((a, b) => a + b, 0);
    while (missing-- > 0) {
      const [name] = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
      if (name === undefined) return { status: Status.unschedulable('no cluster left') };
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return {
      clusters: [...counts]
        .filter(([, n]) => n > 0)
        .map(([name, replicas]) => ({ name, replicas })),
    };
  },
};

/** Stands in for member clusters: what is applied runs and is ready 10 s later. */
class PrintingActuator implements Actuator {
  constructor(
    private readonly store: StateStore,
    private readonly clock: VirtualClock,
    private readonly down: Set<string>,
  ) {}

  async apply(binding: Binding): Promise<void> {
    const desired = desiredReplicasPerCluster(binding);
    this.clock.setTimeout(() => void this.report(binding.metadata, desired), 10_000);
  }

  async remove(): Promise<void> {}

  private async report(meta: Binding['metadata'], desired: Map<string, number>): Promise<void> {
    const current = await this.store.get('Binding', `${meta.namespace}/${meta.name}`);
    if (!current) return;
    const aggregatedStatus = [...desired]
      .filter(([cluster]) => !this.down.has(cluster))
      .map(([clusterName, readyReplicas]) => ({
        clusterName,
        applied: true,
        health: 'Healthy' as const,
        readyReplicas,
      }));
    await this.store.update('Binding', {
      ...current,
      status: { ...current.status, aggregatedStatus },
    });
  }
}

/** Runs the example and returns the lines it prints. */
export async function runExample(): Promise<string[]> {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  const down = new Set<string>();
  const child = container.createChildContainer();
  registerCore(child, { clock, store, recorder, logger: pino({ level: 'silent' }) });
  register(child, HEALTH_DETECTOR, { useValue: new LeaseDetector(store, clock) });
  register(child, TAINTER, { useValue: tainter });
  register(child, EVICTION_POLICY, { useValue: policy });
  register(child, SCHEDULER_PLUGINS, {
    useValue: {
      name: 'Taints',
      factory: () => ({
        name: 'Taints',
        filter: (
          _s: unknown,
          b: Binding,
          c: {
            spec: {
              taints?: readonly {
                key: string;
                effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
              }[];
            };
          },
        ) =>
          findUntoleratedTaint(
            c.spec.taints ?? [],
            b.spec.placement.clusterTolerations ?? [],
            (t) => t.effect !== 'PreferNoSchedule',
          )
            ? Status.unschedulable('had untolerated taint')
            : Status.success,
      }),
    },
  });
  // Core's filter for the clusters a binding is leaving; the scheduler has no such rule of its own.
  register(child, SCHEDULER_PLUGINS, { useValue: clusterEvictionRegistration });
  register(child, SCHEDULER_PROFILE, {
    useValue: {
      schedulerName: 'example',
      plugins: { filter: { enabled: [{ name: CLUSTER_EVICTION }, { name: 'Taints' }] } },
    },
  });
  register(child, SCHEDULING_STRATEGIES, { useValue: fewestFirst });
  register(child, ACTUATOR, { useValue: new PrintingActuator(store, clock, down) });

  const members = ['member1', 'member2', 'member3'];
  for (const name of members) await store.create('Cluster', { metadata: { name }, spec: {} });
  const renew = async (name: string): Promise<void> => {
    if (down.has(name)) return;
    const key = `lifeboat-leases/${name}`;
    const lease = await store.get('Lease', key);
    const spec = {
      holderIdentity: name,
      leaseDurationSeconds: LEASE_SECONDS,
      renewTime: clock.now(),
    };
    if (lease) await store.update('Lease', { ...lease, spec });
    else await store.create('Lease', { metadata: { name, namespace: 'lifeboat-leases' }, spec });
    clock.setTimeout(() => void renew(name), 10_000);
  };
  for (const name of members) await renew(name);
  await store.create('Binding', {
    metadata: { name: 'foo', namespace: 'default' },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'foo' },
      replicas: 3,
      placement: {
        replicaScheduling: {
          type: 'Divided',
          division: 'DynamicWeight',
          dynamicWeight: 'AvailableReplicas',
        },
      },
    },
  });

  const manager = resolve(child, FailoverManager);
  await manager.start();
  clock.setTimeout(() => {
    down.add('member1');
    recorder.record({
      kind: 'Cluster',
      key: 'member1',
      type: 'Warning',
      reason: 'FaultInjected',
      message: 'member1 stops renewing its lease',
      time: clock.now(),
    });
  }, 120_000);
  await clock.advance(10 * 60_000);
  await manager.stop();

  const lines = [
    'Lifeboat: a failover controller composed from @lifeboat/core parts, 10 virtual minutes',
    '',
  ];
  for (const e of recorder.events) {
    lines.push(
      `${String(e.time / 1000).padStart(5)}s  ${e.kind.padEnd(7)} ${e.key.padEnd(12)} ${e.reason.padEnd(19)} ${e.message}`,
    );
  }
  const foo = await store.get('Binding', 'default/foo');
  lines.push(
    '',
    `final placement of default/foo: ${(foo?.spec.clusters ?? []).map((c) => `${c.name}=${c.replicas}`).join(', ')}`,
  );
  return lines;
}

if (require.main === module) {
  runExample().then(
    (lines) => console.log(lines.join('\n')),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
