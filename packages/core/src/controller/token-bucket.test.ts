import { VirtualClock } from '../clock/virtual-clock';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it.each([
    {
      name: 'a burst of one at 1/s takes one token, then waits a second',
      perSecond: 1,
      burst: 1,
      want: [0, 1000, 1000],
    },
    {
      name: 'a burst of three at 2/s takes three tokens, then waits half a second',
      perSecond: 2,
      burst: 3,
      want: [0, 0, 0, 500, 500],
    },
    { name: 'a fractional rate waits accordingly', perSecond: 0.5, burst: 1, want: [0, 2000] },
  ])('$name', ({ perSecond, burst, want }) => {
    const bucket = new TokenBucket(perSecond, burst, new VirtualClock());
    expect(want.map(() => bucket.tryTake())).toEqual(want);
  });

  it('does not charge a caller that is told to wait (asking again does not push the wait out)', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(1, 1, clock);
    expect(bucket.tryTake()).toBe(0);
    expect(bucket.tryTake()).toBe(1000);
    await clock.advance(400);
    expect(bucket.tryTake()).toBe(600);
    await clock.advance(600);
    expect(bucket.tryTake()).toBe(0);
    expect(bucket.tryTake()).toBe(1000);
  });

  it('refills no further than the burst', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(1, 2, clock);
    await clock.advance(3_600_000);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([0, 0, 1000]);
  });

  it.each([
    { name: 'a zero rate is refused', perSecond: 0, burst: 1 },
    { name: 'a burst below one is refused', perSecond: 1, burst: 0.5 },
  ])('$name', ({ perSecond, burst }) => {
    expect(() => new TokenBucket(perSecond, burst, new VirtualClock())).toThrow(
      new RangeError('a token bucket needs a positive rate and burst >= 1'),
    );
  });

  it('reserve books the next free token for each caller in turn, going into debt', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(2, 1, clock);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 500, 1000]);
    await clock.advance(1000);
    // Both booked tokens have come due; the next one is free 500 ms from now.
    expect(bucket.reserve()).toBe(500);
  });
});
