import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  EVICTION_POLICY,
  FailoverManager,
  HEALTH_DETECTOR,
  InMemoryStateStore,
  READY_CONDITION,
  addResources,
  scaleResources,
  VirtualClock,
  objectKey,
  registerCore,
  type Binding,
  type Cluster,
  type EventRecorder,
  type EvictionPolicy,
  type HealthDetector,
  type ResourceList,
} from '@lifeboat/core';
import { registerKarmada } from '@lifeboat/karmada';
import { SeededRandom } from '../fleet/seeded-random';
import { syntheticBindings } from '../fleet/synthetic-bindings';
import { syntheticClusters } from '../fleet/synthetic-clusters';
import { syntheticPolicies } from '../fleet/synthetic-policies';
import { heapUsedMb } from '../harness/heap';
import { elapsedMs, nowNs } from '../harness/stopwatch';
import { karmadaScheduler } from '../schedulers/karmada-scheduler';

/** The taint the storm puts on the failing cluster (a key no policy tolerates). */
export const STORM_TAINT_KEY = 'bench.lifeboat.dev/failed';

export interface StormCase {
  readonly clusters: number;
  readonly bindings: number;
  readonly replicas: number;
  readonly policies: number;
  /** Karmada's default eviction rate (0.5/s) when true; no rate limit when false. */
  readonly rateLimited: boolean;
  /** Give up after this much virtual time (the result then says how many were left). */
  readonly virtualLimitMs?: number;
  readonly seed?: number;
  /**
   * Whether the controller's scheduler has seen the fleet before the failure, as in a controller
   * that has been running (default true). False measures a scheduler with a cold cache.
   */
  readonly warm?: boolean;
  /** Called right before the taint and right after the last re-placement (e.g. to profile just the storm). */
  readonly around?: { readonly start: () => void; readonly stop: () => void };
}

export interface StormResult {
  readonly clusters: number;
  readonly bindings: number;
  readonly replicas: number;
  readonly rateLimited: boolean;
  readonly warm: boolean;
  readonly failedCluster: string;
  /** Bindings with replicas on the failed cluster when it was tainted. */
  readonly affected: number;
  /** Of those, bindings re-placed in full off the failed cluster. */
  readonly replaced: number;
  /** Wall time from the NoExecute taint until every affected binding was re-placed. */
  readonly wallMs: number;
  /** Virtual time the same took. */
  readonly virtualMs: number;
  /** Heap in use with the fleet loaded and the controllers running, before the failure. */
  readonly heapMb: number;
  /** Heap in use after the storm. */
  readonly heapAfterMb: number;
}

export const silentRecorder: EventRecorder = { record: () => undefined };

/** Every cluster stays Ready and is checked once an hour: the storm starts from a taint, not a probe. */
export const steadyDetector: HealthDetector = {
  check: async () => ({
    ready: {
      type: READY_CONDITION,
      status: 'True',
      reason: 'ClusterReady',
      message: 'cluster is healthy and ready to accept workloads',
      lastTransitionTime: 0,
    },
    recheckAfterMs: 3_600_000,
  }),
};

/** The policy as registered, with its fleet-wide eviction rate limit removed. */
export function unlimited(policy: EvictionPolicy): EvictionPolicy {
  return {
    decide: (binding, cluster, now) => policy.decide(binding, cluster, now),
    review: (binding, task, now) => policy.review(binding, task, now),
  };
}

/** `{ ...binding, spec.clusters }` as the scheduler had written it, with a matching status. */
function placed(binding: Binding, clusters: Binding['spec']['clusters']): Binding {
  return {
    ...binding,
    spec: { ...binding.spec, clusters },
    status: {
      schedulerObservedGeneration: 1,
      lastScheduledTime: 0,
      conditions: [
        {
          type: 'Scheduled',
          status: 'True',
          reason: 'Success',
          message: 'Binding has been scheduled successfully.',
          lastTransitionTime: 0,
        },
      ],
    },
  };
}

export function isReplaced(binding: Binding, failed: string): boolean {
  const targets = binding.spec.clusters ?? [];
  return (
    !targets.some((t) => t.name === failed) &&
    targets.reduce((sum, t) => sum + t.replicas, 0) === binding.spec.replicas
  );
}

/** Keys of the bindings in the controller's cache with replicas on `cluster`. */
export function bindingsPlacedOn(manager: FailoverManager, cluster: string): Set<string> {
  return new Set(
    manager.bindings
      .list()
      .filter((b) => b.spec.clusters?.some((t) => t.name === cluster))
      .map((b) => objectKey(b.metadata)),
  );
}

/** Bindings placed between two updates of the clusters' `allocated` in {@link placeFleet}. */
const PLACEMENT_BATCH = 250;

/**
 * The starting placement, as the scheduler makes it (not timed), in batches: after each batch the
 * clusters' `status.allocated` grows by what was placed on them, as a member's status would
 * report it, so later bindings see the capacity the earlier ones took. Without this, dynamic
 * weights computed from a fleet that never fills put every binding of a policy on the same few
 * roomiest clusters, and one cluster ends up hosting almost half of all bindings (8,823 of
 * 20,000 in the first version of this suite), which no real fleet does.
 */
export async function placeFleet(
  clusters: readonly Cluster[],
  fresh: readonly Binding[],
): Promise<{ bindings: Binding[]; clusters: Cluster[] }> {
  const scheduler = karmadaScheduler();
  let current = [...clusters];
  const base = new Map(clusters.map((c) => [c.metadata.name, c.status?.allocated ?? {}]));
  const used = new Map<string, ResourceList>();
  const bindings: Binding[] = [];
  for (let start = 0; start < fresh.length; start += PLACEMENT_BATCH) {
    const touched = new Set<string>();
    for (const binding of fresh.slice(start, start + PLACEMENT_BATCH)) {
      const result = await scheduler.schedule(binding, current, 0);
      bindings.push(result.ok ? placed(binding, result.clusters) : binding);
      if (!result.ok) continue;
      const request = binding.spec.replicaRequirements?.resourceRequest ?? {};
      for (const t of result.clusters) {
        used.set(t.name, addResources(used.get(t.name) ?? {}, scaleResources(request, t.replicas)));
        touched.add(t.name);
      }
    }
    current = current.map((c) =>
      touched.has(c.metadata.name)
        ? {
            ...c,
            status: {
              ...c.status,
              allocated: addResources(
                base.get(c.metadata.name) ?? {},
                used.get(c.metadata.name) ?? {},
              ),
            },
          }
        : c,
    );
  }
  return { bindings, clusters: current };
}

/**
 * The failover storm: a fleet placed by Karmada's scheduler ({@link placeFleet}) is loaded into the in-memory store
 * and run by core's FailoverManager with the Karmada flavour on the virtual clock; then the
 * cluster hosting the most bindings gets a NoExecute taint, and the clock runs until every
 * binding that had replicas there is re-placed in full elsewhere.
 */
export async function runStorm(c: StormCase): Promise<StormResult> {
  const random = new SeededRandom(c.seed ?? 7);
  const clusters = syntheticClusters(c.clusters, random);
  const policies = syntheticPolicies(c.policies, 'mixed', random);
  const fresh = syntheticBindings(
    { count: c.bindings, policies, totalReplicas: c.replicas },
    random,
  );

  const { bindings, clusters: filled } = await placeFleet(clusters, fresh);

  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const container = rootContainer.createChildContainer();
  registerCore(container, {
    clock,
    store,
    recorder: silentRecorder,
    logger: pino({ level: 'silent' }),
  });
  registerKarmada(container);
  container.register(HEALTH_DETECTOR, { useValue: steadyDetector });
  container.register(ACTUATOR, {
    useValue: { apply: async () => undefined, remove: async () => undefined },
  });
  if (!c.rateLimited) {
    const policy = container.resolve<EvictionPolicy>(EVICTION_POLICY);
    container.register(EVICTION_POLICY, { useValue: unlimited(policy) });
  }
  for (const cluster of filled) await store.create('Cluster', cluster);
  for (const binding of bindings) await store.create('Binding', binding);
  const manager = container.resolve(FailoverManager);
  await manager.start();
  while (!manager.isIdle()) await clock.advance(1000);
  if (c.warm !== false) {
    // The fleet was placed by another scheduler instance (a shortcut of this suite); a running
    // controller's own scheduler would have scheduled every policy already. Results are discarded.
    const current = manager.clusters.list();
    for (const binding of manager.bindings.list())
      await manager.scheduler.schedule(binding, current, clock.now());
  }

  const load = new Map<string, number>();
  for (const binding of manager.bindings.list())
    for (const t of binding.spec.clusters ?? []) load.set(t.name, (load.get(t.name) ?? 0) + 1);
  const [failed] = [...load].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [
    string,
    number,
  ];
  const pending = bindingsPlacedOn(manager, failed);
  const affected = pending.size;
  manager.bindings.addHandler({
    onUpdate: (b) => {
      const key = objectKey(b.metadata);
      if (pending.has(key) && isReplaced(b, failed)) pending.delete(key);
    },
  });
  const heapMb = heapUsedMb();

  const cluster = manager.clusters.get(failed) as Cluster;
  const startVirtual = clock.now();
  c.around?.start();
  const start = nowNs();
  await store.update('Cluster', {
    ...cluster,
    spec: {
      ...cluster.spec,
      taints: [
        ...(cluster.spec.taints ?? []),
        { key: STORM_TAINT_KEY, effect: 'NoExecute', timeAdded: clock.now() },
      ],
    },
  });
  const limit = c.virtualLimitMs ?? 24 * 3_600_000;
  while (pending.size > 0 && clock.now() - startVirtual < limit)
    await clock.advance(c.rateLimited ? 1000 : 10);
  const wallMs = elapsedMs(start);
  c.around?.stop();
  const virtualMs = clock.now() - startVirtual;
  await manager.stop();
  return {
    clusters: c.clusters,
    bindings: c.bindings,
    replicas: c.replicas,
    rateLimited: c.rateLimited,
    warm: c.warm !== false,
    failedCluster: failed,
    affected,
    replaced: affected - pending.size,
    wallMs,
    virtualMs,
    heapMb,
    heapAfterMb: heapUsedMb(),
  };
}
