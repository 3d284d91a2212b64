import type { Logger } from 'pino';
import { inject, injectable, injectAll } from 'tsyringe';
import { ACTUATOR, type Actuator } from '../contracts/actuator';
import { CAPACITY_ESTIMATORS, type CapacityEstimator } from '../contracts/capacity-estimator';
import { CLOCK, type Clock } from '../contracts/clock';
import { EVENT_RECORDER, type EventRecorder } from '../contracts/event-recorder';
import { EVICTION_GUARD, type EvictionGuard } from '../contracts/eviction-guard';
import { EVICTION_POLICY, type EvictionPolicy } from '../contracts/eviction-policy';
import { FAILBACK_POLICY, type FailbackPolicy } from '../contracts/failback-policy';
import { FAILOVER_OBSERVERS, type FailoverObserver } from '../contracts/failover-observer';
import { HEALTH_DETECTOR, type HealthDetector } from '../contracts/health-detector';
import { LOGGER } from '../contracts/observability';
import { STATE_STORE, type StateStore } from '../contracts/state-store';
import { TAINTER, type Tainter } from '../contracts/tainter';
import { WORKLOAD_GROUPS, type WorkloadGroupIndex } from '../contracts/workload-groups';
import { Controller } from '../controller/controller';
import { Informer } from '../controller/informer';
import { FailbackController } from '../failback/failback-controller';
import { READY_CONDITION, findCondition, sameCondition } from '../model/condition';
import type { Cluster } from '../model/cluster';
import { objectKey } from '../model/meta';
import { SCHEDULER, type BindingScheduler } from '../scheduler/scheduler-token';
import { ActuationController } from './actuation-controller';
import { BindingsByCluster } from './binding-index';
import { ClusterChangeReactors } from './cluster-change-reactors';
import { ClusterHealthController } from './cluster-health-controller';
import { ClusterTaintController } from './cluster-taint-controller';
import { EvictionController } from './eviction-controller';
import { EvictionHolds } from './eviction-holds';
import { EvictionPacer } from './eviction-pacer';
import { FAILOVER_MANAGER_OPTIONS, type FailoverManagerOptions } from './failover-manager-options';
import { GroupEvictionPolicy } from './group-eviction-policy';
import { GroupScheduler } from './group-scheduler';
import { SchedulingController } from './scheduling-controller';

/**
 * The failover pipeline as one unit: informers over clusters and bindings, and five controllers
 * (health → taints → eviction → scheduling → actuation) wired to whatever parts the container
 * holds (the scheduler is `SCHEDULER`), plus, when the container has them, the
 * `EVICTION_GUARD` holding new evictions and a failback controller run by the `FAILBACK_POLICY`
 * (sharing the eviction rate limit). Resolve it from a container after `registerCore` and a
 * flavour (or your own parts), and after your overrides: it reads its parts when it is built.
 * Workloads of one affinity group (`spec.workloadAffinityGroups`) are scheduled and evicted as
 * one, around those parts ({@link GroupScheduler}, {@link GroupEvictionPolicy}).
 * @public
 */
@injectable()
export class FailoverManager {
  readonly clusters: Informer<'Cluster'>;
  readonly bindings: Informer<'Binding'>;
  readonly scheduler: BindingScheduler;
  private readonly controllers: Controller[];
  private readonly holds?: EvictionHolds;
  private started = false;

  constructor(
    @inject(CLOCK) clock: Clock,
    @inject(STATE_STORE) store: StateStore,
    @inject(HEALTH_DETECTOR) detector: HealthDetector,
    @inject(TAINTER) tainter: Tainter,
    @inject(EVICTION_POLICY) policy: EvictionPolicy,
    @inject(SCHEDULER) bindingScheduler: BindingScheduler,
    @inject(ACTUATOR) actuator: Actuator,
    @inject(EVENT_RECORDER) recorder: EventRecorder,
    @inject(LOGGER) logger: Logger,
    @injectAll(FAILOVER_OBSERVERS, { isOptional: true }) observers: FailoverObserver[],
    @inject(WORKLOAD_GROUPS) groups: WorkloadGroupIndex,
    @injectAll(CAPACITY_ESTIMATORS, { isOptional: true }) estimators: CapacityEstimator[],
    @inject(EVICTION_GUARD, { isOptional: true }) guard?: EvictionGuard,
    @inject(FAILBACK_POLICY, { isOptional: true }) failbackPolicy?: FailbackPolicy,
    @inject(FAILOVER_MANAGER_OPTIONS, { isOptional: true })
    concurrency: FailoverManagerOptions = {},
  ) {
    this.clusters = new Informer(store, 'Cluster', { clock, logger });
    this.bindings = new Informer(store, 'Binding', { clock, logger });
    groups.follow(this.bindings);
    this.scheduler = new GroupScheduler(bindingScheduler, groups, estimators);
    const groupPolicy = new GroupEvictionPolicy(policy, groups);
    const index = new BindingsByCluster(this.bindings);
    const reactors = new ClusterChangeReactors(this.bindings);
    const workers = (count: number | undefined) => ({ logger, workers: count ?? 1 });
    const clusterSyncs = workers(concurrency.concurrentClusterSyncs);
    const evictionSyncs = workers(concurrency.concurrentEvictionSyncs);
    const health = new Controller(
      'cluster-health',
      new ClusterHealthController(this.clusters, store, detector, clock, recorder),
      clock,
      clusterSyncs,
    );
    const taints = new Controller(
      'cluster-taint',
      new ClusterTaintController(this.clusters, store, tainter, clock, recorder),
      clock,
      clusterSyncs,
    );
    const pacer = new EvictionPacer(policy.evictionsPerSecond, clock);
    // Released bindings go back to the eviction queue (only ever after start).
    const holds = guard
      ? new EvictionHolds(guard, this.clusters, clock, recorder, (key) => eviction.enqueue(key))
      : undefined;
    this.holds = holds;
    const eviction = new Controller(
      'eviction',
      new EvictionController(
        this.bindings,
        this.clusters,
        store,
        groupPolicy,
        clock,
        recorder,
        observers,
        {
          pacer,
          holds,
          failback: failbackPolicy,
        },
      ),
      clock,
      evictionSyncs,
    );
    const scheduling = new SchedulingController(
      this.bindings,
      this.clusters,
      store,
      this.scheduler,
      clock,
      recorder,
      observers,
    );
    const scheduler = new Controller(
      'scheduler',
      scheduling,
      clock,
      workers(concurrency.concurrentSchedulingSyncs),
    );
    const actuation = new Controller(
      'actuation',
      new ActuationController(this.bindings, actuator),
      clock,
      workers(concurrency.concurrentWorkSyncs),
    );
    this.controllers = [health, taints, eviction, scheduler, actuation];
    const failback = failbackPolicy
      ? new Controller(
          'failback',
          new FailbackController(
            this.bindings,
            this.clusters,
            store,
            this.scheduler,
            failbackPolicy,
            pacer,
            clock,
            recorder,
          ),
          clock,
          evictionSyncs,
        )
      : undefined;
    if (failback) this.controllers.push(failback);
    const awaitingFailback = new BindingsByCluster(
      this.bindings,
      FailbackController.watchedClusters,
    );
    const rescheduleOnClusterChange = () => {
      for (const key of reactors.keys()) {
        scheduling.force(key);
        scheduler.enqueue(key);
      }
    };

    this.clusters.addHandler({
      onAdd: (c) => {
        const key = objectKey(c.metadata);
        health.enqueue(key);
        taints.enqueue(key);
        holds?.clustersChanged();
        rescheduleOnClusterChange();
      },
      onUpdate: (c, previous) => {
        const key = objectKey(c.metadata);
        if (ClusterHealthController.isTrigger(c, previous)) health.enqueue(key);
        if (c.status?.lastHeartbeatTime !== previous.status?.lastHeartbeatTime) holds?.heartbeat();
        const conditionsChanged = !sameConditions(c, previous);
        if (conditionsChanged) taints.enqueue(key);
        if (conditionsChanged) holds?.clustersChanged();
        if (c.spec.taints !== previous.spec.taints || conditionsChanged) {
          for (const b of index.bindingsOn(key)) eviction.enqueue(b);
          if (failback) for (const b of awaitingFailback.bindingsOn(key)) failback.enqueue(b);
        }
        if (
          c.metadata.generation !== previous.metadata.generation ||
          conditionsChanged ||
          c.metadata.labels !== previous.metadata.labels
        ) {
          rescheduleOnClusterChange();
        }
        // A member that comes back may still run copies it could not be told to remove while it
        // was dark: re-apply every binding so the actuator converges it.
        if (readyStatus(c) === 'True' && readyStatus(previous) !== 'True') {
          for (const binding of this.bindings.list())
            actuation.enqueue(objectKey(binding.metadata));
        }
      },
      onDelete: (c) => {
        const key = objectKey(c.metadata);
        health.enqueue(key);
        holds?.clustersChanged();
        for (const b of index.bindingsOn(key)) eviction.enqueue(b);
        if (failback) for (const b of awaitingFailback.bindingsOn(key)) failback.enqueue(b);
        rescheduleOnClusterChange();
      },
    });
    this.bindings.addHandler({
      onAdd: (b) => {
        const key = objectKey(b.metadata);
        scheduler.enqueue(key);
        eviction.enqueue(key);
        actuation.enqueue(key);
        if (b.status?.failback) failback?.enqueue(key);
      },
      onUpdate: (b, previous) => {
        const key = objectKey(b.metadata);
        if (SchedulingController.needsSchedule(b)) scheduler.enqueue(key);
        // A new schedule (even an unschedulable one, which writes status only) settles the placement
        // that open eviction tasks are reviewed against.
        if (
          b.metadata.generation !== previous.metadata.generation ||
          b.status?.aggregatedStatus !== previous.status?.aggregatedStatus ||
          b.status?.schedulerObservedGeneration !== previous.status?.schedulerObservedGeneration
        ) {
          eviction.enqueue(key);
        }
        if (b.metadata.generation !== previous.metadata.generation) actuation.enqueue(key);
        if (b.status?.failback) failback?.enqueue(key);
        if (
          b.metadata.generation !== previous.metadata.generation ||
          b.status?.aggregatedStatus !== previous.status?.aggregatedStatus
        ) {
          // A group member moved, left or turned ready: its peers may follow, finish their
          // tasks, or fit where they did not.
          for (const peer of groups.affinityPeers(b)) {
            const peerKey = objectKey(peer.metadata);
            eviction.enqueue(peerKey);
            if (!SchedulingController.isScheduled(peer)) {
              scheduling.force(peerKey);
              scheduler.enqueue(peerKey);
            }
          }
        }
      },
      onDelete: (b) => actuation.enqueue(objectKey(b.metadata)),
    });
  }

  /** Loads the caches, then starts every controller. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.clusters.start();
    await this.bindings.start();
    for (const c of this.controllers) c.start();
  }

  /** Stops watching and lets in-flight reconciles finish. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.clusters.stop();
    this.bindings.stop();
    this.holds?.stop();
    await Promise.all(this.controllers.map((c) => c.stop()));
  }

  /** Whether every controller's queue is empty and nothing is being reconciled. */
  isIdle(): boolean {
    return this.controllers.every((c) => c.isIdle());
  }
}

function readyStatus(cluster: Cluster): string | undefined {
  return findCondition(cluster.status?.conditions, READY_CONDITION)?.status;
}

/**
 * Whether two versions of a cluster say the same about every condition. Agents that re-post an
 * unchanged verdict with each heartbeat write a new array; only a real change should wake the
 * taint, eviction and scheduling controllers.
 */
function sameConditions(a: Cluster, b: Cluster): boolean {
  const x = a.status?.conditions ?? [];
  const y = b.status?.conditions ?? [];
  return (
    x === y || (x.length === y.length && x.every((c) => sameCondition(c, findCondition(y, c.type))))
  );
}
