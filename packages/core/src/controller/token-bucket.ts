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
    if (!(perSecond > 0) || !(burst >= 1))
      throw new RangeError('a token bucket needs a positive rate and burst >= 1');
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

  /**
   * Takes a token now or books the next free one (the bucket may go into debt): 0 when the token
   * is available now, else the ms until the booked token is due. Callers that wait in line each
   * book their own token, so a queue of N waiters costs N calls, not N per freed token.
   */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }
}
