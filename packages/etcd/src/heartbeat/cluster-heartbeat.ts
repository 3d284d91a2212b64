import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  RealClock,
  objectKey,
  type Clock,
  type Lease,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';

/** Options of the {@link ClusterHeartbeat}. @public */
export interface ClusterHeartbeatOptions {
  readonly store: StateStore;
  /** The member cluster this agent speaks for. */
  readonly cluster: string;
  /** Who renews (the agent's identity), recorded as the lease holder (default: the cluster name). */
  readonly holderIdentity?: string;
  /** Time between beats in ms (default 10 s, Karmada's lease renewal interval). */
  readonly intervalMs?: number;
  /**
   * Renew a `Lease` object `<namespace>/<cluster>` with `renewTime` (Karmada pull mode reads
   * `karmada-cluster/<cluster>`). Absent: no lease is written.
   */
  readonly lease?: { readonly namespace: string; readonly durationSeconds: number };
  /**
   * Stamp `status.lastHeartbeatTime` and `status.heartbeatFrequencySeconds` on the Cluster
   * (Clusternet's `lastObservedTime`; Karmada reads it too). The Cluster must exist.
   */
  readonly clusterStatus?: boolean;
  /** Receives a failed background beat; the next beat is still scheduled. */
  readonly onError?: (error: Error) => void;
  readonly clock?: Clock;
}

/** Writes a beat makes before giving up when others keep changing the same object. */
const WRITE_ATTEMPTS = 3;

/**
 * An agent's heartbeat: every interval it renews the cluster's `Lease` object and/or stamps
 * the Cluster's heartbeat time, with times from the real clock, so the flavours' detectors
 * (Karmada's lease and status age, Clusternet's `lastObservedTime`) see real time pass and a
 * dead or frozen agent goes stale on its own. Writes are read-modify-write with the version
 * read, so a beat never overwrites what the controller changed in between.
 * @public
 */
export class ClusterHeartbeat {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private timer?: TimerHandle;
  private running = false;
  private inFlight?: Promise<void>;

  constructor(private readonly options: ClusterHeartbeatOptions) {
    if (!options.lease && !options.clusterStatus)
      throw new RangeError(
        'ClusterHeartbeat needs `lease`, `clusterStatus` or both: otherwise it would write nothing',
      );
    this.clock = options.clock ?? new RealClock();
    this.intervalMs = options.intervalMs ?? 10_000;
    if (!(this.intervalMs > 0))
      throw new RangeError(`intervalMs must be positive, got ${this.intervalMs}`);
  }

  /** Beats once (rejecting if that fails, so an agent learns at start) and then every interval. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.beat();
    this.running = true;
    this.schedule();
  }

  /** Stops beating and waits for a beat in progress; the lease and heartbeat time then go stale, as when the agent dies. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One beat now. */
  async beat(): Promise<void> {
    const now = this.clock.now();
    if (this.options.lease) await this.renewLease(this.options.lease, now);
    if (this.options.clusterStatus) await this.stampCluster(now);
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.inFlight = this.beat()
        .catch((error: unknown) =>
          this.options.onError?.(error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => {
          this.inFlight = undefined;
          if (this.running) this.schedule();
        });
    }, this.intervalMs);
  }

  private async renewLease(
    lease: { readonly namespace: string; readonly durationSeconds: number },
    now: number,
  ): Promise<void> {
    const holderIdentity = this.options.holderIdentity ?? this.options.cluster;
    const key = objectKey({ namespace: lease.namespace, name: this.options.cluster });
    await retryOnConflict(async () => {
      const current = await this.options.store.get('Lease', key);
      if (!current) {
        const created: Lease = {
          metadata: { name: this.options.cluster, namespace: lease.namespace },
          spec: {
            holderIdentity,
            leaseDurationSeconds: lease.durationSeconds,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
        };
        await this.options.store.create('Lease', created);
        return;
      }
      const takeover = current.spec.holderIdentity !== holderIdentity;
      await this.options.store.update('Lease', {
        ...current,
        spec: {
          ...current.spec,
          holderIdentity,
          leaseDurationSeconds: lease.durationSeconds,
          renewTime: now,
          acquireTime: takeover ? now : current.spec.acquireTime,
          leaseTransitions: (current.spec.leaseTransitions ?? 0) + (takeover ? 1 : 0),
        },
      });
    });
  }

  private async stampCluster(now: number): Promise<void> {
    const name = this.options.cluster;
    await retryOnConflict(async () => {
      const cluster = await this.options.store.get('Cluster', name);
      if (!cluster) throw new NotFoundError('Cluster', name);
      await this.options.store.update('Cluster', {
        ...cluster,
        status: {
          ...cluster.status,
          lastHeartbeatTime: now,
          heartbeatFrequencySeconds: Math.ceil(this.intervalMs / 1000),
        },
      });
    });
  }
}

async function retryOnConflict(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      // A create racing another create surfaces as AlreadyExists; the re-read then updates.
      const raced = error instanceof ConflictError || error instanceof AlreadyExistsError;
      if (!raced || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
