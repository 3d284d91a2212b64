import 'reflect-metadata';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import {
  ACTUATOR,
  EVICTION_POLICY,
  FAILOVER_MANAGER_OPTIONS,
  FailoverManager,
  HEALTH_DETECTOR,
  READY_CONDITION,
  RealClock,
  desiredReplicasPerCluster,
  findCondition,
  objectKey,
  parseResourceList,
  registerCore,
  reportWorkloadStatus,
  type Actuator,
  type Binding,
  type Clock,
  type Cluster,
  type EvictionPolicy,
  type FailoverManagerOptions,
  type StateStore,
} from '@lifeboat/core';
import { EtcdLeaderElector, EtcdServer, EtcdStateStore, connectEtcd } from '@lifeboat/etcd';
import { registerKarmada } from '@lifeboat/karmada';
import { elapsedMs, nowNs } from '../harness/stopwatch';
import { etcdRoundTrips, type RoundTrips } from '../harness/etcd-metrics';
import {
  bindingsPlacedOn,
  isReplaced,
  silentRecorder,
  steadyDetector,
  unlimited,
} from './storm-suite';

/** The taint the failing cluster gets (a key no binding tolerates). */
const FAILED_TAINT_KEY = 'bench.lifeboat.dev/failed';
/** Bindings created at once by the applying client (as `lifeboat apply` would stream them). */
const APPLY_CONCURRENCY = 64;
/**
 * Keys each controller reconciles at once. With one, every binding waits for the previous one's
 * etcd round trip and the store has nothing to batch; the clusters' capacity is ample, so
 * concurrent scheduling cycles place exactly as one at a time would.
 */
const CONCURRENCY: FailoverManagerOptions = {
  concurrentClusterSyncs: 4,
  concurrentEvictionSyncs: 16,
  concurrentSchedulingSyncs: 16,
  concurrentWorkSyncs: 16,
};

export interface EtcdCase {
  readonly clusters: number;
  readonly bindings: number;
  /** Each binding is divided over this many clusters (one replica each). */
  readonly clustersPerBinding: number;
  /** Karmada's `resourceEvictionRate` (evictions/s); undefined takes the limit away. */
  readonly evictionRate?: number;
}

export interface EtcdResult extends EtcdCase {
  /** (a) From the first create to every binding scheduled and reported running by the fleet. */
  readonly applyMs: number;
  readonly bindingsPerSecond: number;
  readonly applyRoundTrips: RoundTrips;
  readonly failedCluster: string;
  /** (b) Bindings with a replica on the failed cluster when it was tainted. */
  readonly affected: number;
  readonly replaced: number;
  /** (b) From the NoExecute taint's write to every affected binding re-placed in etcd. */
  readonly failoverMs: number;
  readonly failoverRoundTrips: RoundTrips;
}

/**
 * The member side, in process: applying a binding runs its replicas at once on every live
 * cluster and reports them ready in `status.aggregatedStatus`, through the same etcd. A failed
 * cluster reports nothing (what it said last stands).
 */
class InstantFleet implements Actuator {
  readonly failed = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly clock: Clock,
  ) {}

  async apply(binding: Binding): Promise<void> {
    const desired = [...desiredReplicasPerCluster(binding)].filter(([, n]) => n > 0);
    await reportWorkloadStatus(
      this.store,
      objectKey(binding.metadata),
      () =>
        desired.map(([cluster, replicas]) => ({
          cluster,
          running: replicas,
          ready: replicas,
          unreachable: this.failed.has(cluster),
        })),
      () => this.clock.now(),
    );
  }

  async remove(): Promise<void> {}
}

const clusterName = (i: number) => `member-${String(i).padStart(3, '0')}`;

function cluster(i: number): Cluster {
  const capacity = parseResourceList({ cpu: '1000', memory: '4000Gi', pods: 100_000 });
  return {
    kind: 'Cluster',
    metadata: { name: clusterName(i), labels: {} },
    spec: {},
    status: { capacity, allocatable: capacity },
  };
}

/**
 * Binding `i` is divided by equal static weights over the clusters `i mod step`, `+ step`, ...
 * (`step` = clusters / clustersPerBinding), so every cluster hosts the same number of bindings
 * (1,000 of 10,000 on 100 clusters with 10 each).
 */
function binding(i: number, c: EtcdCase): Binding {
  const step = c.clusters / c.clustersPerBinding;
  const names = Array.from({ length: c.clustersPerBinding }, (_, j) =>
    clusterName((i % step) + j * step),
  );
  const name = `svc-${String(i).padStart(5, '0')}`;
  return {
    kind: 'Binding',
    metadata: { name, namespace: 'bench' },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'bench', name },
      replicas: c.clustersPerBinding,
      placement: {
        clusterAffinity: [{ clusterNames: names }],
        replicaScheduling: {
          type: 'Divided',
          division: 'StaticWeight',
          staticWeightList: [{ targetCluster: { clusterNames: names }, weight: 1 }],
        },
      },
      replicaRequirements: { resourceRequest: parseResourceList({ cpu: '100m', memory: '128Mi' }) },
    },
  };
}

function actuated(b: Binding): boolean {
  const placed = (b.spec.clusters ?? []).reduce((sum, t) => sum + t.replicas, 0);
  const ready = (b.status?.aggregatedStatus ?? []).reduce(
    (sum, s) => sum + (s.readyReplicas ?? 0),
    0,
  );
  return placed === b.spec.replicas && ready === b.spec.replicas;
}

/**
 * Resolves once every binding in `pending` satisfies `done`, each checked when the controller's
 * cache receives it from etcd (so the cost per event is one binding, not all of them).
 */
function whenAll(
  manager: FailoverManager,
  pending: Set<string>,
  done: (binding: Binding) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const check = (b: Binding) => {
      const key = objectKey(b.metadata);
      if (pending.has(key) && done(b)) pending.delete(key);
      if (pending.size === 0) resolve();
    };
    for (const b of manager.bindings.list()) check(b);
    if (pending.size === 0) resolve();
    manager.bindings.addHandler({ onAdd: check, onUpdate: check });
  });
}

/**
 * Resolves once every cluster is Ready and untainted: the health controller has written its
 * condition and the taint controller has taken the not-ready taint off again. Bindings applied
 * before that would be placed around the clusters still tainted.
 */
function clustersReady(manager: FailoverManager): Promise<void> {
  const checked = () =>
    manager.clusters
      .list()
      .every(
        (c) =>
          findCondition(c.status?.conditions, READY_CONDITION)?.status === 'True' &&
          !c.spec.taints?.length,
      );
  return new Promise((resolve) => {
    if (checked()) return resolve();
    manager.clusters.addHandler({ onUpdate: () => checked() && resolve() });
  });
}

/**
 * End to end through a real etcd on loopback: core's FailoverManager with the Karmada flavour on
 * the real clock, writing through a fenced `EtcdStateStore` while it leads (`EtcdLeaderElector`),
 * and an in-process fleet reporting workload status through the same etcd. (a) applies
 * `bindings` and times them until every one is scheduled and running; (b) then taints one cluster
 * `NoExecute` and times until every binding that had a replica there is re-placed in etcd.
 */
export async function runEtcd(c: EtcdCase): Promise<EtcdResult> {
  const server = await EtcdServer.start();
  const client = await connectEtcd(server.endpoint);
  const clock = new RealClock();
  const elector = new EtcdLeaderElector({
    client,
    identity: 'bench-controller',
    ttlSeconds: 30,
    clock,
  });
  const container = rootContainer.createChildContainer();
  let manager: FailoverManager | undefined;
  try {
    const store = await EtcdStateStore.connect({ client });
    const fleet = new InstantFleet(store, clock);
    const leading = new Promise<void>((resolve) => {
      void elector.run({ onStartedLeading: () => resolve(), onStoppedLeading: () => undefined });
    });
    await leading;
    registerCore(container, {
      clock,
      store: store.withFence(() => elector.fence()),
      recorder: silentRecorder,
      logger: pino({ level: 'silent' }),
    });
    registerKarmada(
      container,
      c.evictionRate === undefined ? {} : { resourceEvictionRate: c.evictionRate },
    );
    container.register(FAILOVER_MANAGER_OPTIONS, { useValue: CONCURRENCY });
    container.register(HEALTH_DETECTOR, { useValue: steadyDetector });
    container.register(ACTUATOR, { useValue: fleet });
    if (c.evictionRate === undefined) {
      const policy = container.resolve<EvictionPolicy>(EVICTION_POLICY);
      container.register(EVICTION_POLICY, { useValue: unlimited(policy) });
    }
    for (let i = 0; i < c.clusters; i++) await store.create('Cluster', cluster(i));
    const started = container.resolve(FailoverManager);
    manager = started;
    await started.start();
    await clustersReady(started);

    // (a) apply every binding; done when each is scheduled and reported running.
    const keys = Array.from({ length: c.bindings }, (_, i) => binding(i, c));
    const allActuated = whenAll(started, new Set(keys.map((b) => objectKey(b.metadata))), actuated);
    const beforeApply = await etcdRoundTrips(server.endpoint);
    const applyStart = nowNs();
    let next = 0;
    await Promise.all(
      Array.from({ length: APPLY_CONCURRENCY }, async () => {
        while (next < keys.length) await store.create('Binding', keys[next++] as Binding);
      }),
    );
    await allActuated;
    const applyMs = elapsedMs(applyStart);
    const applyRoundTrips = (await etcdRoundTrips(server.endpoint)).since(beforeApply);

    // (b) one cluster fails: its NoExecute taint, then every binding there re-placed in etcd.
    const failed = clusterName(0);
    const pending = bindingsPlacedOn(started, failed);
    const affected = pending.size;
    const allReplaced = whenAll(started, pending, (b) => isReplaced(b, failed));
    fleet.failed.add(failed);
    const beforeFailover = await etcdRoundTrips(server.endpoint);
    const target = started.clusters.get(failed) as Cluster;
    const failoverStart = nowNs();
    await store.update('Cluster', {
      ...target,
      spec: {
        ...target.spec,
        taints: [{ key: FAILED_TAINT_KEY, effect: 'NoExecute', timeAdded: clock.now() }],
      },
    });
    await allReplaced;
    const failoverMs = elapsedMs(failoverStart);
    const failoverRoundTrips = (await etcdRoundTrips(server.endpoint)).since(beforeFailover);
    return {
      ...c,
      applyMs,
      bindingsPerSecond: c.bindings / (applyMs / 1000),
      applyRoundTrips,
      failedCluster: failed,
      affected,
      replaced: affected - pending.size,
      failoverMs,
      failoverRoundTrips,
    };
  } finally {
    await manager?.stop();
    await container.dispose();
    await elector.stop();
    client.close();
    await server.dispose();
  }
}
