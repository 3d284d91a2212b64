import { VirtualClock } from '../clock/virtual-clock';
import { LeadershipLostError } from '../errors/leadership-lost-error';
import { Controller, type ReconcileResult, type Reconciler } from './controller';
import { ItemExponentialFailureRateLimiter } from './rate-limiter';

/** A reconciler that records when each key ran and how many ran at once. */
class InstrumentedReconciler implements Reconciler {
  readonly runs: { key: string; at: number }[] = [];
  readonly active = new Map<string, number>();
  maxPerKey = 0;
  maxOverall = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly body: (
      key: string,
      attempt: number,
    ) => Promise<ReconcileResult | void> = async () => undefined,
  ) {}

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const attempt = this.runs.filter((r) => r.key === key).length;
    this.runs.push({ key, at: this.clock.now() });
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    this.maxPerKey = Math.max(this.maxPerKey, this.active.get(key) as number);
    this.maxOverall = Math.max(
      this.maxOverall,
      [...this.active.values()].reduce((a, b) => a + b, 0),
    );
    try {
      return await this.body(key, attempt);
    } finally {
      this.active.set(key, (this.active.get(key) as number) - 1);
    }
  }

  timesOf(key: string): number[] {
    return this.runs.filter((r) => r.key === key).map((r) => r.at);
  }
}

describe('Controller', () => {
  it('with several workers never reconciles one key concurrently, but runs different keys in parallel', async () => {
    const clock = new VirtualClock();
    let controller: Controller | undefined;
    const reconciler = new InstrumentedReconciler(clock, async (key, attempt) => {
      // While a key is in flight, the world changes and the key is enqueued again, twice.
      if (attempt < 2) {
        controller?.enqueue(key);
        controller?.enqueue(key);
      }
      await clock.sleep(100);
    });
    controller = new Controller('test', reconciler, clock, { workers: 4 });
    controller.start();
    controller.enqueue('a');
    controller.enqueue('b');
    await clock.advance(1_000);

    expect(reconciler.maxPerKey).toBe(1);
    expect(reconciler.maxOverall).toBe(2);
    // Each re-add during processing yields exactly one more run, after the previous one ended.
    expect(reconciler.timesOf('a')).toEqual([0, 100, 200]);
    expect(reconciler.timesOf('b')).toEqual([0, 100, 200]);
    expect(controller.isIdle()).toBe(true);
    await controller.stop();
  });

  it('retries a failing reconcile with per-key exponential backoff and resets it after a success', async () => {
    const clock = new VirtualClock();
    const failUntil = new Map([['a', 3]]);
    const reconciler = new InstrumentedReconciler(clock, async (key, attempt) => {
      if (attempt < (failUntil.get(key) ?? 0)) throw new Error(`boom ${attempt}`);
    });
    const controller = new Controller('test', reconciler, clock, { workers: 2 });
    controller.start();
    controller.enqueue('a');
    await clock.advance(1_000);
    // Default limiter: 5 ms, 10 ms, 20 ms after the failures at 0, 5, 15; success at 35.
    expect(reconciler.timesOf('a')).toEqual([0, 5, 15, 35]);
    expect(controller.queue.numRequeues('a')).toBe(0);

    // After the success the history is forgotten: a new failure (at 1000) backs off 5 ms, not 40.
    failUntil.set('a', 5);
    controller.enqueue('a');
    await clock.advance(1_000);
    expect(reconciler.timesOf('a')).toEqual([0, 5, 15, 35, 1000, 1005]);
    await controller.stop();
  });

  it('drops a key whose reconcile lost leadership instead of retrying it, and forgets its backoff', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, async (key, attempt) => {
      if (key === 'a' && attempt === 0) throw new Error('transient');
      if (key === 'a') throw new LeadershipLostError('fence lost');
    });
    const controller = new Controller('test', reconciler, clock);
    controller.start();
    controller.enqueue('a');
    await clock.advance(60_000);
    expect(reconciler.timesOf('a')).toEqual([0, 5]);
    expect(controller.queue.numRequeues('a')).toBe(0);
    expect(controller.isIdle()).toBe(true);
    // The key can still be enqueued again later (e.g. after regaining leadership).
    controller.enqueue('a');
    await clock.advance(0);
    expect(reconciler.timesOf('a')).toEqual([0, 5, 60_000]);
    await controller.stop();
  });

  it('uses the rate limiter it is given', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, async () => {
      throw new Error('always');
    });
    const controller = new Controller('test', reconciler, clock, {
      rateLimiter: new ItemExponentialFailureRateLimiter(1000, 3000),
    });
    controller.start();
    controller.enqueue('a');
    await clock.advance(10_000);
    expect(reconciler.timesOf('a')).toEqual([0, 1000, 3000, 6000, 9000]);
    await controller.stop();
  });

  it('honours requeueAfterMs', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, async (_key, attempt) =>
      attempt < 2 ? { requeueAfterMs: 30_000 } : undefined,
    );
    const controller = new Controller('test', reconciler, clock);
    controller.start();
    controller.enqueue('a');
    await clock.advance(29_999);
    expect(reconciler.timesOf('a')).toEqual([0]);
    await clock.advance(120_000);
    expect(reconciler.timesOf('a')).toEqual([0, 30_000, 60_000]);
    await controller.stop();
  });

  it('an earlier enqueue is not postponed by a pending requeueAfterMs', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, async (_key, attempt) =>
      attempt === 0 ? { requeueAfterMs: 60_000 } : undefined,
    );
    const controller = new Controller('test', reconciler, clock);
    controller.start();
    controller.enqueueAfter('a', 0);
    await clock.advance(0);
    controller.enqueueAfter('a', 10_000);
    await clock.advance(100_000);
    expect(reconciler.timesOf('a')).toEqual([0, 10_000]);
    await controller.stop();
  });

  it('is idle only when nothing is queued or in flight', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, () => clock.sleep(50));
    const controller = new Controller('test', reconciler, clock);
    expect(controller.isIdle()).toBe(true);
    controller.enqueue('a');
    expect(controller.isIdle()).toBe(false);
    controller.start();
    await clock.advance(10);
    expect(controller.isIdle()).toBe(false);
    await clock.advance(40);
    expect(controller.isIdle()).toBe(true);
    await controller.stop();
  });

  it('is not idle while a key handed straight to a waiting worker has not been reconciled yet', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock, () => clock.sleep(50));
    const controller = new Controller('test', reconciler, clock, { workers: 2 });
    controller.start();
    await clock.advance(0);
    expect(controller.isIdle()).toBe(true);
    controller.enqueue('a');
    expect(controller.isIdle()).toBe(false);
    await clock.advance(0);
    expect(controller.isIdle()).toBe(false);
    await clock.advance(50);
    expect(controller.isIdle()).toBe(true);
    await controller.stop();
  });

  it('stop ends the workers; keys enqueued afterwards are not reconciled', async () => {
    const clock = new VirtualClock();
    const reconciler = new InstrumentedReconciler(clock);
    const controller = new Controller('test', reconciler, clock, { workers: 3 });
    controller.start();
    await controller.stop();
    controller.enqueue('a');
    await clock.advance(1_000);
    expect(reconciler.runs).toEqual([]);
  });
});
