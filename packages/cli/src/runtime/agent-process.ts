import {
  AlreadyExistsError,
  Informer,
  RealClock,
  objectKey,
  retryOnConflict,
  type Cluster,
  type ClusterSyncMode,
  type ResourceList,
  type TimerHandle,
} from '@lifeboat/core';
import {
  ClusternetAgent,
  PREDICTOR_ADDRESS_ANNOTATION,
  PREDICT_PATH,
  UNSCHEDULED_PATH,
  createPredictorHandler,
} from '@lifeboat/clusternet';
import { ClusterHeartbeat } from '@lifeboat/etcd';
import { CLUSTER_LEASE_NAMESPACE } from '@lifeboat/karmada';
import type { Logger } from 'pino';
import type { ControllerFlavor } from './controller-config';
import type { EtcdSession } from './etcd-session';
import { ProcessServer } from './process-server';
import { MemberWorkloads } from './member-workloads';
import type { ServingTls } from './tls-files';

/** Settings of an {@link AgentProcess}. */
export interface AgentProcessOptions {
  readonly session: EtcdSession;
  readonly cluster: string;
  /** Whose member side to speak: Karmada (probed at `/readyz`, or a Pull agent) or Clusternet (status reports). */
  readonly flavor: ControllerFlavor;
  /** Karmada: Push (the controller probes `/readyz`) or Pull (lease + reported readyz). */
  readonly syncMode: ClusterSyncMode;
  readonly capacity: ResourceList;
  readonly region?: string;
  readonly zones?: readonly string[];
  readonly provider?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly port: number;
  /** Address the server listens on (default 127.0.0.1). */
  readonly listen?: string;
  /** The URL registered as the cluster's endpoint (default the listening address). */
  readonly advertise?: string;
  /** Serve HTTPS with this certificate (probes and predictor calls then verify it). */
  readonly tls?: ServingTls;
  readonly heartbeatIntervalMs: number;
  readonly leaseDurationSeconds: number;
  /** Start-up delay of a replica when its binding does not say. */
  readonly startupSeconds: number;
  readonly logger: Logger;
}

/** Heartbeats and the controller write the same Cluster often; a few more attempts than core's default. */
const RETRY = { attempts: 8, alsoRetry: (error: unknown) => error instanceof AlreadyExistsError };
/** Waits between failed writes of `status.allocated` (etcd away), doubling up to the last. */
const ALLOCATED_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * `lifeboat agent`: a member cluster's stand-in. It serves `/readyz` (what Karmada's probe
 * reaches) and Clusternet's predictor on loopback, registers its Cluster with that address,
 * heartbeats on the real clock (the `karmada-cluster/<name>` Lease and the Cluster's heartbeat
 * time, or Clusternet's status reports), watches bindings in etcd, runs the replicas placed on
 * its cluster in-process and reports their health in its own report keys (`Report/<cluster>/`),
 * which the active controller copies into each binding's `aggregatedStatus`.
 * Killing or freezing the process is what a member failure looks like to the controllers.
 * `/readyz` fails while etcd does not answer; when it answers again, the agent reports its
 * current state of every binding and its allocated resources again.
 */
export class AgentProcess {
  private readonly clock = new RealClock();
  private readonly server: ProcessServer;
  private readonly workloads: MemberWorkloads;
  private readonly bindings: Informer<'Binding'>;
  private heartbeat?: ClusterHeartbeat;
  private clusternetAgent?: ClusternetAgent;
  private allocatedWrite: Promise<void> = Promise.resolve();
  private allocatedDirty = false;
  private allocatedFailures = 0;
  /** When the last write of `status.allocated` started (clock ms). */
  private allocatedWrittenAt = Number.NEGATIVE_INFINITY;
  private allocatedRetry?: TimerHandle;
  private stopped = false;

  constructor(private readonly options: AgentProcessOptions) {
    const { cluster, session, logger } = options;
    this.workloads = new MemberWorkloads(
      cluster,
      session.reports,
      this.clock,
      options.startupSeconds,
      logger,
      () => this.allocatedChanged(),
    );
    this.bindings = new Informer(session.store, 'Binding', { clock: this.clock, logger });
    this.bindings.addHandler({
      onAdd: (b) => this.workloads.sync(b),
      onUpdate: (b) => this.workloads.sync(b),
      onDelete: (b) => this.workloads.remove(objectKey(b.metadata)),
    });
    const predictor = createPredictorHandler(() => [
      {
        name: `${cluster}-node`,
        allocatable: options.capacity,
        requested: withoutPods(this.workloads.allocated()),
        podCount: this.workloads.runningPods(),
      },
    ]);
    const ok = { get: () => ({ status: 200, body: 'ok\n' }) };
    // What Karmada's probe reaches: a member whose agent cannot reach etcd cannot run what the
    // controllers decide, so it does not claim to be ready.
    const ready = {
      get: () =>
        session.health.healthy
          ? { status: 200, body: 'ok\n' }
          : { status: 503, body: 'etcd unreachable\n' },
    };
    this.server = new ProcessServer(
      {
        '/readyz': ready,
        '/healthz': ok,
        '/livez': ok,
        '/metrics': {
          get: async () => ({
            status: 200,
            body: await session.registry.metrics(),
            contentType: session.registry.contentType,
          }),
        },
        '/replicas': {
          get: () => ({
            status: 200,
            body: `${JSON.stringify({ cluster, workloads: this.workloads.counts() })}\n`,
            contentType: 'application/json',
          }),
        },
        [PREDICT_PATH]: { raw: predictor },
        [UNSCHEDULED_PATH]: { raw: predictor },
      },
      options.tls,
    );
  }

  /** Listens, registers the cluster, starts heartbeating and running its replicas; resolves with the address. */
  async start(): Promise<string> {
    const { logger, cluster, session, flavor } = this.options;
    await this.server.listen(this.options.port, this.options.listen);
    const address = this.options.advertise ?? this.server.address;
    await this.register(address);
    logger.info(
      { cluster, address, flavor, syncMode: this.options.syncMode },
      'cluster registered',
    );
    const onError = (error: unknown): void =>
      logger.warn({ err: error }, 'heartbeat failed; retrying on the next beat');
    this.heartbeat = new ClusterHeartbeat({
      store: session.store,
      cluster,
      intervalMs: this.options.heartbeatIntervalMs,
      lease: {
        namespace: CLUSTER_LEASE_NAMESPACE,
        durationSeconds: this.options.leaseDurationSeconds,
      },
      // Clusternet's agent stamps the heartbeat time with its status report itself.
      clusterStatus: flavor === 'karmada',
      onError,
    });
    await this.heartbeat.start();
    if (flavor === 'clusternet') {
      const capacity = this.options.capacity;
      this.clusternetAgent = new ClusternetAgent(
        cluster,
        session.store,
        this.clock,
        () => ({
          healthz: true,
          livez: true,
          readyz: true,
          nodes: [{ name: `${cluster}-node`, ready: 'True', capacity, allocatable: capacity }],
          predictorAddress: address,
        }),
        {
          collectFrequencyMs: this.options.heartbeatIntervalMs,
          updateFrequencyMs: this.options.heartbeatIntervalMs,
          onError,
        },
      );
      await this.clusternetAgent.start();
    }
    // What this member reported before it restarted, so only what changed is written again.
    this.workloads.seed((await session.reports.list(cluster)).reports);
    await this.bindings.start();
    logger.info({ bindings: this.bindings.size }, 'watching bindings');
    // Reports on bindings deleted while this agent was away go.
    for (const key of this.workloads.reportedKeys())
      if (!this.bindings.get(key)) this.workloads.remove(key);
    session.health.start();
    return address;
  }

  /** etcd answers again: write what may have been lost meanwhile (called by the session). */
  etcdBack(): void {
    if (this.stopped) return;
    const keys = new Set(this.bindings.list().map((b) => objectKey(b.metadata)));
    this.workloads.reportAll(new Set([...keys, ...this.workloads.reportedKeys()]));
    this.allocatedChanged();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.allocatedRetry) this.clock.clearTimeout(this.allocatedRetry);
    await this.options.session.health.stop();
    this.clusternetAgent?.stop();
    await this.heartbeat?.stop();
    this.bindings.stop();
    this.workloads.stop();
    await this.workloads.settled();
    await this.allocatedWrite;
    await this.server.close();
  }

  /**
   * Creates the Cluster, or updates what this agent owns on an existing one (endpoint, location,
   * labels, capacity) and keeps what the controllers own (taints, conditions).
   */
  private async register(address: string): Promise<void> {
    const { cluster: name, session, flavor, capacity } = this.options;
    const spec = {
      syncMode: this.options.syncMode,
      apiEndpoint: address,
      ...(this.options.region ? { region: this.options.region } : {}),
      ...(this.options.zones?.length ? { zones: [...this.options.zones] } : {}),
      ...(this.options.provider ? { provider: this.options.provider } : {}),
    };
    const annotations: Record<string, string> =
      flavor === 'clusternet' ? { [PREDICTOR_ADDRESS_ANNOTATION]: address } : {};
    const status = {
      capacity,
      allocatable: capacity,
      allocated: this.workloads.allocated(),
      readyz: true,
      healthz: true,
      livez: true,
    };
    const store = session.store;
    // A create racing a restart of this agent surfaces as AlreadyExists; the re-read then updates.
    await retryOnConflict(async () => {
      const existing = await store.get('Cluster', name);
      if (!existing) {
        const cluster: Cluster = {
          kind: 'Cluster',
          metadata: { name, labels: { ...this.options.labels }, annotations },
          spec,
          status,
        };
        await store.create('Cluster', cluster);
        return;
      }
      await store.update('Cluster', {
        ...existing,
        metadata: {
          ...existing.metadata,
          labels: this.options.labels
            ? { ...this.options.labels }
            : { ...existing.metadata.labels },
          annotations: { ...existing.metadata.annotations, ...annotations },
        },
        spec: { ...spec, ...(existing.spec.taints ? { taints: existing.spec.taints } : {}) },
        status: { ...existing.status, ...status },
      });
    }, RETRY);
  }

  /**
   * Writes `status.allocated` after replicas change: one write at a time, always the latest
   * figures, and at most one per heartbeat interval (as Karmada's members report their resource
   * summary once per status update period): every Cluster write wakes the controllers, and a
   * thousand placements in a second would otherwise rewrite the Cluster as often as etcd allows.
   */
  private allocatedChanged(): void {
    if (this.allocatedDirty || this.stopped) return;
    this.allocatedDirty = true;
    const wait = this.allocatedWrittenAt + this.options.heartbeatIntervalMs - this.clock.now();
    if (wait <= 0) {
      this.writeAllocated();
      return;
    }
    if (this.allocatedRetry) this.clock.clearTimeout(this.allocatedRetry);
    this.allocatedRetry = this.clock.setTimeout(() => {
      this.allocatedRetry = undefined;
      this.writeAllocated();
    }, wait);
  }

  private writeAllocated(): void {
    if (this.stopped) return;
    this.allocatedWrite = this.allocatedWrite.then(async () => {
      this.allocatedDirty = false;
      this.allocatedWrittenAt = this.clock.now();
      try {
        const store = this.options.session.store;
        await retryOnConflict(async () => {
          const cluster = await store.get('Cluster', this.options.cluster);
          if (!cluster) return;
          await store.update('Cluster', {
            ...cluster,
            status: { ...cluster.status, allocated: this.workloads.allocated() },
          });
        }, RETRY);
        this.allocatedFailures = 0;
      } catch (error) {
        const delay = ALLOCATED_BACKOFF_MS[
          Math.min(this.allocatedFailures++, ALLOCATED_BACKOFF_MS.length - 1)
        ] as number;
        this.options.logger.warn(
          { err: error, retryInMs: delay },
          'reporting allocated resources failed; retrying',
        );
        if (this.allocatedRetry) this.clock.clearTimeout(this.allocatedRetry);
        this.allocatedRetry = this.clock.setTimeout(() => {
          this.allocatedRetry = undefined;
          this.allocatedChanged();
        }, delay);
      }
    });
  }
}

/** The predictor counts pods itself (`podCount`); the requested resources leave them out. */
function withoutPods(list: ResourceList): ResourceList {
  const { pods: _pods, ...rest } = list;
  return rest;
}
