import { VirtualClock } from '../clock/virtual-clock';
import { ItemExponentialFailureRateLimiter } from './rate-limiter';
import { WorkQueue } from './work-queue';

/** Lets pending promise chains run (the virtual clock settles them; time does not move). */
const settle = (clock: VirtualClock) => clock.advance(0);

/** Takes every key that is ready now, marking each done at once. */
async function drain(queue: WorkQueue, clock: VirtualClock): Promise<string[]> {
  const out: string[] = [];
  while (queue.len() > 0) {
    const key = (await queue.get()) as string;
    out.push(key);
    queue.done(key);
  }
  await settle(clock);
  return out;
}

describe('WorkQueue', () => {
  describe('deduplication', () => {
    it.each([
      { name: 'a key added twice while queued comes out once', adds: ['a', 'a'], want: ['a'] },
      {
        name: 'a key added three times among others keeps its first position',
        adds: ['a', 'b', 'a', 'c', 'a'],
        want: ['a', 'b', 'c'],
      },
      {
        name: 'distinct keys come out in the order they were added',
        adds: ['c', 'a', 'b'],
        want: ['c', 'a', 'b'],
      },
    ])('$name', async ({ adds, want }) => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      for (const key of adds) queue.add(key);
      expect(queue.len()).toBe(want.length);
      expect(await drain(queue, clock)).toEqual(want);
    });

    it('a key taken and done can be queued again', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      expect(await drain(queue, clock)).toEqual(['a']);
      queue.add('a');
      expect(await drain(queue, clock)).toEqual(['a']);
    });
  });

  describe('a key being processed', () => {
    it('is not handed to a second worker when re-added, and comes back once after done', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      const first = await queue.get();
      expect(first).toBe('a');
      expect(queue.isProcessing('a')).toBe(true);

      queue.add('a');
      queue.add('a');
      expect(queue.len()).toBe(0);
      let second: string | undefined;
      void queue.get().then((key) => (second = key));
      await settle(clock);
      expect(second).toBeUndefined();

      queue.done('a');
      await settle(clock);
      expect(second).toBe('a');
      expect(queue.isProcessing('a')).toBe(true);
      expect(queue.len()).toBe(0);
      queue.done('a');
      expect(queue.isProcessing('a')).toBe(false);
      expect(queue.len()).toBe(0);
    });

    it('lets other keys go to other workers meanwhile', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      expect(await queue.get()).toBe('a');
      queue.add('a');
      queue.add('b');
      expect(await queue.get()).toBe('b');
      queue.done('b');
      queue.done('a');
      expect(await drain(queue, clock)).toEqual(['a']);
    });

    it('counts as processing from the moment it is handed out until done', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      void queue.get();
      expect(queue.numProcessing()).toBe(0);
      queue.add('a');
      // Handed straight to the waiting getter: out of the queue, not yet done.
      expect(queue.len()).toBe(0);
      expect(queue.numProcessing()).toBe(1);
      queue.add('b');
      expect(await queue.get()).toBe('b');
      expect(queue.numProcessing()).toBe(2);
      queue.done('a');
      queue.done('b');
      expect(queue.numProcessing()).toBe(0);
    });

    it('is not queued again by done when nobody re-added it', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      await queue.get();
      queue.done('a');
      expect(queue.len()).toBe(0);
      expect(queue.isProcessing('a')).toBe(false);
    });
  });

  it('keeps first-in first-out order across thousands of keys, with adds between takes', async () => {
    const clock = new VirtualClock();
    const queue = new WorkQueue(clock);
    const want: string[] = [];
    for (let i = 0; i < 3000; i++) {
      queue.add(`k${i}`);
      want.push(`k${i}`);
    }
    const got: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 2 === 0 && i < 4000) {
        queue.add(`late${i}`);
        want.push(`late${i}`);
      }
      const key = (await queue.get()) as string;
      got.push(key);
      queue.done(key);
    }
    expect(queue.len()).toBe(0);
    expect(got).toEqual(want);
  });

  describe('waiting getters', () => {
    it('are served in the order they asked', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      const got: string[] = [];
      void queue.get().then((k) => got.push(`w1:${k}`));
      void queue.get().then((k) => got.push(`w2:${k}`));
      queue.add('x');
      queue.add('y');
      await settle(clock);
      expect(got).toEqual(['w1:x', 'w2:y']);
      expect(queue.isProcessing('x')).toBe(true);
      expect(queue.isProcessing('y')).toBe(true);
    });
  });

  describe('addAfter', () => {
    it.each([
      { name: 'a single delay fires exactly when due', delays: [100], notBefore: 99, readyBy: 100 },
      {
        name: 'a later second delay keeps the earlier one',
        delays: [100, 500],
        notBefore: 99,
        readyBy: 100,
      },
      {
        name: 'an earlier second delay replaces the later one',
        delays: [500, 100],
        notBefore: 99,
        readyBy: 100,
      },
    ])('$name', async ({ delays, notBefore, readyBy }) => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      for (const d of delays) queue.addAfter('a', d);
      await clock.advanceTo(notBefore);
      expect(queue.len()).toBe(0);
      await clock.advanceTo(readyBy);
      expect(await drain(queue, clock)).toEqual(['a']);
      // Only one add was pending: nothing else arrives later.
      await clock.advanceTo(10_000);
      expect(queue.len()).toBe(0);
      expect(clock.pendingTimers()).toBe(0);
    });

    it.each([
      { name: 'a zero delay adds at once', delay: 0 },
      { name: 'a negative delay adds at once', delay: -5 },
    ])('$name', ({ delay }) => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.addAfter('a', delay);
      expect(queue.len()).toBe(1);
      expect(clock.pendingTimers()).toBe(0);
    });

    it('adds that fire for a key already queued are deduplicated', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      queue.addAfter('a', 10);
      await clock.advance(10);
      expect(await drain(queue, clock)).toEqual(['a']);
    });

    it('keys become ready in the order of their due times', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.addAfter('late', 30);
      queue.addAfter('early', 10);
      queue.addAfter('middle', 20);
      await clock.advance(30);
      expect(await drain(queue, clock)).toEqual(['early', 'middle', 'late']);
    });
  });

  describe('addRateLimited', () => {
    it('backs off 5 ms, 10 ms, 20 ms, ... per item up to the cap, and forget resets it', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock, new ItemExponentialFailureRateLimiter(5, 40));
      const delays: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const start = clock.now();
        queue.addRateLimited('a');
        // Step 1 ms at a time to find when the key becomes ready.
        while (queue.len() === 0) await clock.advance(1);
        delays.push(clock.now() - start);
        await drain(queue, clock);
      }
      expect(delays).toEqual([5, 10, 20, 40, 40, 40]);
      expect(queue.numRequeues('a')).toBe(6);

      queue.forget('a');
      expect(queue.numRequeues('a')).toBe(0);
      const start = clock.now();
      queue.addRateLimited('a');
      while (queue.len() === 0) await clock.advance(1);
      expect(clock.now() - start).toBe(5);
    });

    it('keeps a separate history per item', () => {
      const clock = new VirtualClock();
      const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1000);
      const queue = new WorkQueue(clock, limiter);
      queue.addRateLimited('a');
      queue.addRateLimited('a');
      queue.addRateLimited('b');
      expect(queue.numRequeues('a')).toBe(2);
      expect(queue.numRequeues('b')).toBe(1);
      expect(limiter.when('a')).toBe(20);
      expect(limiter.when('b')).toBe(10);
    });

    it('adds at once without a rate limiter', () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.addRateLimited('a');
      expect(queue.len()).toBe(1);
      expect(queue.numRequeues('a')).toBe(0);
    });
  });

  describe('shutDown', () => {
    it('resolves waiting getters with undefined', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      const waiting = [queue.get(), queue.get()];
      queue.shutDown();
      expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
      expect(await queue.get()).toBeUndefined();
    });

    it('drops delayed adds and ignores new adds', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.addAfter('delayed', 10);
      queue.shutDown();
      expect(clock.pendingTimers()).toBe(0);
      queue.add('late');
      queue.addAfter('later', 5);
      await clock.advance(100);
      expect(queue.len()).toBe(0);
      expect(await queue.get()).toBeUndefined();
    });

    it('still hands out keys queued before it, then undefined (client-go drains)', async () => {
      const clock = new VirtualClock();
      const queue = new WorkQueue(clock);
      queue.add('a');
      queue.shutDown();
      expect(await queue.get()).toBe('a');
      queue.done('a');
      expect(await queue.get()).toBeUndefined();
    });
  });
});
