import type { KubeConfig } from '@kubernetes/client-node';
import { RealClock, type Clock, type LeaderElector } from '@lifeboat/core';
import { HubClient } from './hub-client';
import type { LeaseFence } from './lease-fence';
import {
  KubernetesLeaseLock,
  type LeaderElectionRecord,
  type LeaseLock,
  type ObservedRecord,
} from './lease-lock';

/** Options of {@link KubernetesLeaderElector}. @public */
export interface KubernetesLeaderElectorOptions {
  /** The hub cluster (ignored when `lock` is given). */
  readonly kubeConfig?: KubeConfig;
  /** Who campaigns, written as the Lease's `holderIdentity` (e.g. the pod name). */
  readonly identity: string;
  /** The Lease's namespace and name (default `lifeboat-system/lifeboat-controller`). */
  readonly namespace?: string;
  readonly name?: string;
  /** How long a lease is valid without renewal, in whole seconds (client-go default 15). */
  readonly leaseDurationSeconds?: number;
  /** How long the leader keeps trying to renew before it gives up, in ms (default 10 000). */
  readonly renewDeadlineMs?: number;
  /** Wait between attempts, in ms (default 2000), jittered by up to 1.2 × while campaigning. */
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for the jitter (default Math.random). */
  readonly random?: () => number;
  /** Where the record lives (default: the Lease on the hub). */
  readonly lock?: LeaseLock;
}

/** What {@link KubernetesLeaderElector.run} calls. @public */
export interface LeaderCallbacks {
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
}

const JITTER_FACTOR = 1.2;

interface Term {
  readonly abort: AbortController;
  fence: LeaseFence;
}

/**
 * Leader election on a `coordination.k8s.io/v1` Lease with client-go's semantics: a candidate
 * takes the Lease when it is free or when its record has not changed for `leaseDurationSeconds`
 * **as measured on this replica's clock from when it last saw the record change** (the remote
 * `renewTime` is never compared with the local clock, so clock skew between replicas does not
 * matter); the leader renews every retry period and steps down when no renewal succeeded within
 * the renew deadline. `stop()` releases the Lease (empty holder) so a standby takes over at
 * once. While leading, {@link KubernetesLeaderElector.fence} gives the term's {@link LeaseFence} for
 * `KubernetesStateStore.withFence(() => elector.fence())`; it is valid until the lease duration,
 * less one retry period, after the start of the last successful renewal.
 * @public
 */
export class KubernetesLeaderElector implements LeaderElector {
  private readonly lock: LeaseLock;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed: ObservedRecord | undefined;
  private observedTime = 0;
  private term: Term | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: KubernetesLeaderElectorOptions) {
    const lease = options.leaseDurationSeconds ?? 15;
    this.leaseDurationMs = lease * 1000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    if (!Number.isInteger(lease) || lease < 1)
      throw new RangeError(`leaseDurationSeconds must be a whole number >= 1, got ${lease}`);
    if (this.renewDeadlineMs >= this.leaseDurationMs)
      throw new RangeError(
        `renewDeadlineMs (${this.renewDeadlineMs}) must be shorter than the lease duration (${this.leaseDurationMs} ms)`,
      );
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs)
      throw new RangeError(
        `renewDeadlineMs (${this.renewDeadlineMs}) must be longer than ${JITTER_FACTOR} × retryPeriodMs (${this.retryPeriodMs})`,
      );
    this.clock = options.clock ?? new RealClock();
    this.random = options.random ?? Math.random;
    if (options.lock) this.lock = options.lock;
    else if (options.kubeConfig)
      this.lock = new KubernetesLeaseLock(
        new HubClient(options.kubeConfig),
        options.namespace ?? 'lifeboat-system',
        options.name ?? 'lifeboat-controller',
      );
    else throw new RangeError('KubernetesLeaderElector needs a kubeConfig (or a lock)');
  }

  /** Campaigns until this replica leads, leads until the term ends, then resolves. One term per call. */
  run(callbacks: LeaderCallbacks): Promise<void> {
    if (this.running) throw new Error('KubernetesLeaderElector.run is already running');
    this.stopped = false;
    this.running = this.campaignAndLead(callbacks).finally(() => (this.running = undefined));
    return this.running;
  }

  isLeader(): boolean {
    return this.term !== undefined;
  }

  /** The fence of the current term, or `undefined` while not leading. */
  fence(): LeaseFence | undefined {
    return this.term?.fence;
  }

  /** Stops campaigning, or releases the Lease when leading; resolves once `run` has. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async campaignAndLead(callbacks: LeaderCallbacks): Promise<void> {
    while (!this.stopped) {
      const startedAt = this.clock.now();
      // A hung request must not stall the campaign; a late success is renewed on the next try.
      if (await this.withDeadline(this.attempt(), startedAt + this.renewDeadlineMs)) {
        this.lead(callbacks, startedAt);
        await this.renewUntilLost();
        this.endTerm(callbacks);
        if (this.stopped) await this.release();
        return;
      }
      await this.pause(this.retryPeriodMs * (1 + this.random() * JITTER_FACTOR));
    }
  }

  private lead(callbacks: LeaderCallbacks, renewedFrom: number): void {
    const abort = new AbortController();
    this.term = { abort, fence: this.fenceFrom(renewedFrom) };
    void Promise.resolve()
      .then(() => callbacks.onStartedLeading(abort.signal))
      .catch(() => abort.abort());
  }

  private endTerm(callbacks: LeaderCallbacks): void {
    const term = this.term;
    this.term = undefined;
    term?.abort.abort();
    callbacks.onStoppedLeading();
  }

  /** Renews every retry period; returns when a renewal cycle missed its deadline, the term was aborted, or on stop. */
  private async renewUntilLost(): Promise<void> {
    const term = this.term as Term;
    while (!this.stopped && !term.abort.signal.aborted) {
      await this.pause(this.retryPeriodMs);
      if (this.stopped || term.abort.signal.aborted) return;
      const deadline = this.clock.now() + this.renewDeadlineMs;
      let renewed = false;
      while (!renewed && !this.stopped && this.clock.now() < deadline) {
        const startedAt = this.clock.now();
        renewed = await this.withDeadline(this.attempt(), deadline);
        if (renewed) term.fence = this.fenceFrom(startedAt);
        else if (this.clock.now() + this.retryPeriodMs < deadline)
          await this.pause(this.retryPeriodMs);
        else break;
      }
      if (!renewed) return;
    }
  }

  /**
   * One try to acquire or renew (client-go's tryAcquireOrRenew). Errors count as a failed try.
   */
  private async attempt(): Promise<boolean> {
    try {
      return await this.tryAcquireOrRenew();
    } catch {
      return false;
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const wanted = (old?: LeaderElectionRecord): LeaderElectionRecord => ({
      holderIdentity: this.options.identity,
      leaseDurationSeconds: this.leaseDurationMs / 1000,
      acquireTime: old && old.holderIdentity === this.options.identity ? old.acquireTime : now,
      renewTime: now,
      leaseTransitions: old
        ? old.holderIdentity === this.options.identity
          ? old.leaseTransitions
          : old.leaseTransitions + 1
        : 0,
    });
    const current = await this.lock.get();
    if (!current) {
      const record = wanted();
      if (!(await this.lock.create(record))) return false;
      this.observe({ record, resourceVersion: '' }, now);
      return true;
    }
    if (!this.observed || !sameRecord(this.observed.record, current.record))
      this.observe(current, this.clock.now());
    else this.observed = current;
    const holder = current.record.holderIdentity;
    const expiresAt = this.observedTime + current.record.leaseDurationSeconds * 1000;
    if (holder !== '' && holder !== this.options.identity && expiresAt > now) return false;
    const record = wanted(current.record);
    if (!(await this.lock.update(record, current.resourceVersion))) return false;
    this.observe({ record, resourceVersion: '' }, this.clock.now());
    return true;
  }

  private observe(observed: ObservedRecord, at: number): void {
    this.observed = observed;
    this.observedTime = at;
  }

  /** Gives up the Lease so a standby need not wait for it to expire (client-go's ReleaseOnCancel). */
  private async release(): Promise<void> {
    const current = await this.lock.get().catch(() => undefined);
    if (!current || current.record.holderIdentity !== this.options.identity) return;
    const now = this.clock.now();
    await this.lock
      .update(
        {
          ...current.record,
          holderIdentity: '',
          leaseDurationSeconds: 1,
          renewTime: now,
          acquireTime: now,
        },
        current.resourceVersion,
      )
      .catch(() => false);
  }

  private fenceFrom(renewStartedAt: number): LeaseFence {
    return {
      namespace: this.lock.namespace,
      name: this.lock.name,
      holderIdentity: this.options.identity,
      leaseTransitions: this.observed?.record.leaseTransitions ?? 0,
      validUntil: renewStartedAt + this.leaseDurationMs - this.retryPeriodMs,
    };
  }

  /** Resolves false when `deadline` passes first: a hung request must not hold leadership. */
  private async withDeadline(attempt: Promise<boolean>, deadline: number): Promise<boolean> {
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = this.clock.setTimeout(() => resolve(false), Math.max(0, deadline - this.clock.now()));
    });
    try {
      return await Promise.race([attempt, late]);
    } finally {
      if (timer) this.clock.clearTimeout(timer);
    }
  }

  /** Sleeps on the clock; `stop()` cuts it short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.clock.clearTimeout(handle);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function sameRecord(a: LeaderElectionRecord, b: LeaderElectionRecord): boolean {
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime === b.acquireTime &&
    a.renewTime === b.renewTime &&
    a.leaseTransitions === b.leaseTransitions
  );
}
