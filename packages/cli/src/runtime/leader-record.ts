import {
  objectKey,
  type Clock,
  type Lease,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';
import type { Logger } from 'pino';
import { logWriteFailure } from './log-write-failure';

/** Where the active controller says who it is: `Lease lifeboat-system/controller`. */
export const LEADER_RECORD_NAMESPACE = 'lifeboat-system';
export const LEADER_RECORD_NAME = 'controller';
export const LEADER_RECORD_KEY = objectKey({
  namespace: LEADER_RECORD_NAMESPACE,
  name: LEADER_RECORD_NAME,
});

/**
 * The leader's visible record, as Kubernetes leader election keeps a `Lease`: who leads, since
 * when, last renewed when. etcd's election key is the real lock; this object is for people and
 * `lifeboat status`. Every write goes through the term's fenced store, so it also shows that
 * fencing holds: a deposed leader that wakes up late has its renewal or release refused by
 * etcd, and the record keeps naming the current leader.
 */
export class LeaderRecord {
  private timer?: TimerHandle;
  private running = false;

  constructor(
    /** The store fenced with this term's fence. */
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly identity: string,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
  ) {}

  /** Takes the record for this term (one fenced write), then renews it every third of the TTL. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    await this.write((current) => ({
      holderIdentity: this.identity,
      leaseDurationSeconds: this.ttlSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: (current?.spec.leaseTransitions ?? -1) + 1,
    }));
    this.running = true;
    this.schedule();
  }

  /** Stops renewing and clears the holder (one fenced write, refused if this term is over). */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.write((current) => ({
      ...current?.spec,
      leaseDurationSeconds: this.ttlSeconds,
      holderIdentity: '',
      renewTime: this.clock.now(),
    }));
  }

  stopRenewing(): void {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(
      () => {
        void this.write((current) => ({
          ...current?.spec,
          holderIdentity: this.identity,
          leaseDurationSeconds: this.ttlSeconds,
          renewTime: this.clock.now(),
        }))
          .catch((error: unknown) =>
            logWriteFailure(this.logger, error, 'renewing the leader record failed'),
          )
          .finally(() => {
            if (this.running) this.schedule();
          });
      },
      (this.ttlSeconds * 1000) / 3,
    );
  }

  private async write(spec: (current: Lease | undefined) => Lease['spec']): Promise<void> {
    const current = await this.store.get('Lease', LEADER_RECORD_KEY);
    if (current) await this.store.update('Lease', { ...current, spec: spec(current) });
    else
      await this.store.create('Lease', {
        kind: 'Lease',
        metadata: { namespace: LEADER_RECORD_NAMESPACE, name: LEADER_RECORD_NAME },
        spec: spec(undefined),
      });
  }
}
