import { VirtualClock } from '../clock/virtual-clock';
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
} from './rate-limiter';

function whenTimes(limiter: RateLimiter, item: string, n: number): number[] {
  return Array.from({ length: n }, () => limiter.when(item));
}

describe('ItemExponentialFailureRateLimiter', () => {
  it.each([
    { name: 'doubles from the base delay', base: 5, max: 1_000_000, want: [5, 10, 20, 40, 80] },
    { name: 'stops at the cap', base: 5, max: 30, want: [5, 10, 20, 30, 30] },
    {
      name: 'a base above the cap is capped from the start',
      base: 100,
      max: 50,
      want: [50, 50, 50, 50, 50],
    },
  ])('$name', ({ base, max, want }) => {
    const limiter = new ItemExponentialFailureRateLimiter(base, max);
    expect(whenTimes(limiter, 'a', want.length)).toEqual(want);
    expect(limiter.numRequeues('a')).toBe(want.length);
  });

  it('stays at the cap instead of overflowing after many failures', () => {
    const limiter = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    const delays = whenTimes(limiter, 'a', 2_000);
    expect(delays[delays.length - 1]).toBe(1_000_000);
    expect(delays.every((d) => Number.isFinite(d) && d <= 1_000_000)).toBe(true);
  });

  it('forget clears only the item it names', () => {
    const limiter = new ItemExponentialFailureRateLimiter(5, 1000);
    whenTimes(limiter, 'a', 3);
    whenTimes(limiter, 'b', 2);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
    expect(limiter.numRequeues('b')).toBe(2);
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('b')).toBe(20);
  });
});

describe('BucketRateLimiter', () => {
  it('lets a burst through, then reserves one slot per 1/qps seconds', () => {
    const clock = new VirtualClock();
    const limiter = new BucketRateLimiter(10, 3, clock);
    expect(whenTimes(limiter, 'x', 6)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills with time, up to the burst', async () => {
    const clock = new VirtualClock();
    const limiter = new BucketRateLimiter(10, 3, clock);
    whenTimes(limiter, 'x', 3);
    await clock.advance(200);
    expect(whenTimes(limiter, 'x', 3)).toEqual([0, 0, 100]);
    await clock.advance(60_000);
    expect(whenTimes(limiter, 'x', 4)).toEqual([0, 0, 0, 100]);
  });

  it.each([
    { name: 'a zero rate is refused', qps: 0, burst: 1 },
    { name: 'a negative rate is refused', qps: -1, burst: 1 },
    { name: 'a burst below one is refused', qps: 1, burst: 0 },
    { name: 'a NaN rate is refused', qps: Number.NaN, burst: 1 },
  ])('$name', ({ qps, burst }) => {
    expect(() => new BucketRateLimiter(qps, burst, new VirtualClock())).toThrow(
      new RangeError('a token bucket needs qps > 0 and burst >= 1'),
    );
  });
});

describe('MaxOfRateLimiter', () => {
  it('asks every limiter and returns the longest delay', () => {
    const clock = new VirtualClock();
    const limiter = new MaxOfRateLimiter<string>(
      new ItemExponentialFailureRateLimiter(5, 1000),
      new BucketRateLimiter(10, 2, clock),
    );
    // bucket: 0, 0, 100, 200; per item: 5, 10, 20, 40
    expect(whenTimes(limiter, 'a', 4)).toEqual([5, 10, 100, 200]);
    expect(limiter.numRequeues('a')).toBe(4);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
  });

  it('with no limiters never delays', () => {
    expect(whenTimes(new MaxOfRateLimiter(), 'a', 3)).toEqual([0, 0, 0]);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('is per-item exponential from 5 ms capped at 1000 s', () => {
    const limiter = defaultControllerRateLimiter(new VirtualClock());
    const delays = whenTimes(limiter, 'a', 30);
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 40]);
    expect(delays[delays.length - 1]).toBe(1_000_000);
  });

  it('holds all items to 10 qps after a burst of 100', () => {
    const limiter = defaultControllerRateLimiter(new VirtualClock());
    // 100 distinct items fail once: each gets only its own 5 ms.
    const first = Array.from({ length: 100 }, (_, i) => limiter.when(`item-${i}`));
    expect(new Set(first)).toEqual(new Set([5]));
    // The bucket is empty now: the next distinct items wait 100 ms, 200 ms, ...
    expect([limiter.when('item-100'), limiter.when('item-101')]).toEqual([100, 200]);
  });
});
