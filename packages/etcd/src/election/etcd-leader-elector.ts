import { RealClock, type Clock, type LeaderElector, type TimerHandle } from '@lifeboat/core';
import { EtcdLeaseInvalidError, type Etcd3, type IKeyValue, type Lease, type Watcher } from 'etcd3';
import type { Fence } from '../fence/fence';
import { DEFAULT_KEY_PREFIX, KeyLayout } from '../store/key-layout';

/** How long resigning waits for etcd to revoke the lease before giving up on it. */
const RESIGN_TIMEOUT_MS = 2_000;

/** Options of the {@link EtcdLeaderElector}. @public */
export interface EtcdLeaderElectorOptions {
  /** A connected client; the caller owns it. */
  readonly client: Etcd3;
  /** Who campaigns, stored as the election key's value (e.g. `controller-<host>-<pid>`). */
  readonly identity: string;
  /** The election's name; its key is `<prefix>election/<name>` (default `controller`). */
  readonly election?: string;
  /** Key prefix (default `/lifeboat/`). */
  readonly prefix?: string;
  /** Lease time to live in whole seconds (default 10): how long a dead leader keeps the key. */
  readonly ttlSeconds?: number;
  /**
   * How long the leader keeps leading without a successful renewal, in ms (default two thirds
   * of the TTL). It is shorter than the TTL, so a leader that cannot reach etcd steps down
   * before its lease can expire and another replica can win.
   */
  readonly renewDeadlineMs?: number;
  /** How often a follower retries when no deletion of the key woke it (default 2 s). */
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
}

/** What {@link EtcdLeaderElector.run} calls. @public */
export interface LeaderCallbacks {
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
}

interface Won {
  readonly won: true;
  readonly lease: Lease;
  readonly createRevision: string;
  /** When the lease was asked for: its TTL runs from a moment no earlier than this. */
  readonly grantedAt: number;
}

/** An attempt's outcome; a lost one carries the revision it saw the key held at. */
type Attempt = Won | { readonly won: false; readonly revision: string };

/** One term: the lease the key is bound to and everything that ends the term. */
interface Term {
  readonly lease: Lease;
  readonly fence: Fence;
  readonly abort: AbortController;
  readonly watcher: Watcher;
  lastRenewal: number;
  renewTimer?: TimerHandle;
  deadlineTimer?: TimerHandle;
  end: (reason: string) => void;
}

/**
 * Leader election on an etcd lease. A candidate grants a lease and creates the election key
 * bound to it in one transaction that requires the key to be absent; the winner keeps the
 * lease alive every third of the TTL. Leadership ends, and the signal given to
 * `onStartedLeading` aborts, when a renewal is refused (lease revoked or expired), when no
 * renewal succeeded within the renew deadline, when the key disappears, or on `stop()`, which
 * resigns by revoking the lease so a standby takes over at once. Followers watch the key and
 * try again as soon as it is deleted, so a crashed leader is replaced within the TTL.
 *
 * While leading, {@link EtcdLeaderElector.fence} returns the key and its create revision; give it to
 * `EtcdStateStore.withFence(() => elector.fence())` so that every write also checks, inside
 * etcd, that this term is still current.
 * @public
 */
export class EtcdLeaderElector implements LeaderElector {
  private readonly client: Etcd3;
  private readonly key: string;
  private readonly ttlSeconds: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: Clock;
  private term?: Term;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(private readonly options: EtcdLeaderElectorOptions) {
    this.client = options.client;
    this.key = new KeyLayout(options.prefix ?? DEFAULT_KEY_PREFIX).electionKey(
      options.election ?? 'controller',
    );
    this.ttlSeconds = options.ttlSeconds ?? 10;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 1)
      throw new RangeError(
        `ttlSeconds must be a whole number of seconds >= 1, got ${this.ttlSeconds}`,
      );
    this.renewDeadlineMs = options.renewDeadlineMs ?? (this.ttlSeconds * 1000 * 2) / 3;
    if (this.renewDeadlineMs >= this.ttlSeconds * 1000)
      throw new RangeError(
        `renewDeadlineMs (${this.renewDeadlineMs}) must be shorter than the TTL (${this.ttlSeconds * 1000} ms)`,
      );
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    this.clock = options.clock ?? new RealClock();
  }

  /** The election key, e.g. `/lifeboat/election/controller`. */
  get electionKey(): string {
    return this.key;
  }

  /** Campaigns until this replica leads, leads until the term ends, then resolves. One term per call. */
  run(callbacks: LeaderCallbacks): Promise<void> {
    if (this.running)
      throw new Error(
        'EtcdLeaderElector.run is already running; one elector campaigns once at a time',
      );
    this.stopped = false;
    this.running = this.campaignAndLead(callbacks).finally(() => (this.running = undefined));
    return this.running;
  }

  isLeader(): boolean {
    return this.term !== undefined;
  }

  /** The fence of the current term, or `undefined` while not leading. */
  fence(): Fence | undefined {
    return this.term?.fence;
  }

  /** Stops campaigning, or resigns (revoking the lease) when leading; resolves once `run` has. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.term?.end('stopped');
    await this.running;
  }

  private async campaignAndLead(callbacks: LeaderCallbacks): Promise<void> {
    while (!this.stopped) {
      const attempt = await this.tryAcquire().catch(() => undefined);
      if (this.stopped) {
        if (attempt?.won) await this.settleWithin(attempt.lease.revoke(), RESIGN_TIMEOUT_MS);
        return;
      }
      if (attempt?.won) {
        await this.lead(attempt, callbacks);
        return;
      }
      await this.waitForVacancy(attempt?.revision);
    }
  }

  /** One attempt: a fresh lease and a transaction that creates the key only if it is absent. */
  private async tryAcquire(): Promise<Attempt> {
    const grantedAt = this.clock.now();
    const lease = this.client.lease(this.ttlSeconds, { autoKeepAlive: false });
    const leaseId = await lease.grant();
    const res = await this.client
      .if(this.key, 'Create', '==', 0)
      .then(this.client.put(this.key).value(this.options.identity).lease(leaseId))
      .commit();
    if (res.succeeded) return { won: true, lease, createRevision: res.header.revision, grantedAt };
    void lease.revoke().catch(() => undefined);
    return { won: false, revision: res.header.revision };
  }

  /**
   * Resolves when the key is deleted after `revision` (the one the failed attempt saw), after
   * the retry period, or on stop. Without a revision (etcd did not answer) it only waits.
   */
  private async waitForVacancy(revision: string | undefined): Promise<void> {
    const watcher =
      revision === undefined
        ? undefined
        : this.client
            .watch()
            .key(this.key)
            .startRevision(String(BigInt(revision) + 1n))
            .watcher();
    watcher?.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => done(), this.retryPeriodMs);
      const done = (): void => {
        this.clock.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      watcher?.on('delete', done);
    });
    void watcher?.cancel().catch(() => undefined);
  }

  private async lead(
    { lease, createRevision, grantedAt }: Won,
    callbacks: LeaderCallbacks,
  ): Promise<void> {
    let ended!: () => void;
    const over = new Promise<void>((resolve) => (ended = resolve));
    const watcher = this.client
      .watch()
      .key(this.key)
      .startRevision(String(BigInt(createRevision) + 1n))
      .watcher();
    const term: Term = {
      lease,
      fence: { key: this.key, createRevision },
      abort: new AbortController(),
      watcher,
      // The lease's TTL started when etcd granted it, not later when the key was created.
      lastRenewal: grantedAt,
      end: (reason) => {
        if (this.term !== term) return;
        this.term = undefined;
        if (term.renewTimer) this.clock.clearTimeout(term.renewTimer);
        if (term.deadlineTimer) this.clock.clearTimeout(term.deadlineTimer);
        term.abort.abort(new Error(`leadership of ${this.key} ended: ${reason}`));
        void watcher.cancel().catch(() => undefined);
        // Revoking frees the key at once for a standby; after a lost lease it is a no-op. It
        // is bounded because etcd may be unreachable (the reason the term ended), and then the
        // lease expires by itself.
        void this.settleWithin(lease.revoke(), RESIGN_TIMEOUT_MS).then(() => {
          callbacks.onStoppedLeading();
          ended();
        });
      },
    };
    this.term = term;
    watcher.on('error', () => term.end('the watch on the election key failed'));
    watcher.on('delete', () => term.end('the election key was deleted (lease expired or revoked)'));
    watcher.on('put', (kv: IKeyValue) => {
      if (kv.create_revision !== createRevision)
        term.end('another candidate holds the election key');
    });
    this.scheduleRenewal(term);
    this.scheduleDeadline(term);
    try {
      await callbacks.onStartedLeading(term.abort.signal);
    } catch (error) {
      term.end(
        `onStartedLeading failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await over;
  }

  /** Resolves when `work` settles or after `timeoutMs`, whichever is first; never rejects. */
  private settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(resolve, timeoutMs);
      void work
        .catch(() => undefined)
        .finally(() => {
          this.clock.clearTimeout(timer);
          resolve();
        });
    });
  }

  private scheduleRenewal(term: Term): void {
    term.renewTimer = this.clock.setTimeout(
      () => void this.renew(term),
      (this.ttlSeconds * 1000) / 3,
    );
  }

  private scheduleDeadline(term: Term): void {
    if (term.deadlineTimer) this.clock.clearTimeout(term.deadlineTimer);
    const left = term.lastRenewal + this.renewDeadlineMs - this.clock.now();
    term.deadlineTimer = this.clock.setTimeout(
      () => {
        if (this.clock.now() - term.lastRenewal >= this.renewDeadlineMs)
          term.end(`no lease renewal succeeded within ${this.renewDeadlineMs} ms`);
        else this.scheduleDeadline(term);
      },
      Math.max(0, left),
    );
  }

  private async renew(term: Term): Promise<void> {
    if (this.term !== term) return;
    const sentAt = this.clock.now();
    try {
      const res = await term.lease.keepaliveOnce({
        deadline: new Date(sentAt + this.renewDeadlineMs),
      });
      if (Number(res.TTL) <= 0) {
        term.end('etcd refused to renew the lease (expired or revoked)');
        return;
      }
      // The lease runs from when etcd applied the renewal, which is after `sentAt`: counting
      // from `sentAt` keeps this replica's view of its term on the safe side.
      term.lastRenewal = Math.max(term.lastRenewal, sentAt);
    } catch (error) {
      if (error instanceof EtcdLeaseInvalidError) {
        term.end('etcd refused to renew the lease (expired or revoked)');
        return;
      }
      // Transient: the deadline timer ends the term if renewals keep failing.
    }
    if (this.term === term) this.scheduleRenewal(term);
  }
}
