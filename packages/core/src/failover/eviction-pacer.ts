import type { Clock } from '../contracts/clock';
import { TokenBucket } from '../controller/token-bucket';

/**
 * The fleet-wide eviction rate limit (`EvictionPolicy.evictionsPerSecond`), shared by everything
 * that moves replicas off a cluster (evictions, failbacks). A move that has to wait books the
 * next free token once and comes back when it is due, instead of every waiting binding asking
 * again each time a token frees (quadratic in the number waiting during a storm).
 * @internal
 */
export class EvictionPacer {
  private readonly bucket?: TokenBucket;
  /** Tokens booked per binding and move (when each is due). */
  private readonly booked = new Map<string, Map<string, number>>();

  constructor(perSecond: number | undefined, clock: Clock) {
    if (perSecond !== undefined && perSecond > 0)
      this.bucket = new TokenBucket(perSecond, 1, clock);
  }

  /** ms until `binding` may make `move`: 0 now (its token is taken), else until its booked token is due. */
  waitFor(binding: string, move: string, now: number): number {
    if (!this.bucket) return 0;
    let booked = this.booked.get(binding);
    const due = booked?.get(move);
    if (due !== undefined) {
      if (due > now) return due - now;
      this.cancel(binding, move);
      return 0;
    }
    const wait = this.bucket.reserve();
    if (wait > 0) {
      if (!booked) {
        booked = new Map();
        this.booked.set(binding, booked);
      }
      booked.set(move, now + wait);
    }
    return wait;
  }

  /** The move is no longer wanted: its booked token is simply not used. */
  cancel(binding: string, move: string): void {
    const booked = this.booked.get(binding);
    if (!booked?.delete(move)) return;
    if (booked.size === 0) this.booked.delete(binding);
  }

  /** The binding is gone. */
  forget(binding: string): void {
    this.booked.delete(binding);
  }
}
