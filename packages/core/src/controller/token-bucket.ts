import type { Clock } from '../contracts/clock';

/**
 * A token bucket that either takes a token now or says how long until one is free, without
 * reserving it (so a caller that waits and asks again is not charged twice).
 * @public
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError('a token bucket needs a positive rate and burst >= 1');
    this.tokens = burst;
    this.last = clock.now();
  }

  /** 0 when a token was taken; otherwise the ms until one will be free. */
  tryTake(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
