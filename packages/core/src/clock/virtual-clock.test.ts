import { VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('starts at the given time and stands still until advanced', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    expect(clock.now()).toBe(1_700_000_000_000);
    await Promise.resolve();
    expect(clock.now()).toBe(1_700_000_000_000);
    expect(new VirtualClock().now()).toBe(0);
  });

  it.each([
    {
      name: 'timers fire in due-time order, whatever order they were set in',
      timers: [
        { label: 'c', delay: 30 },
        { label: 'a', delay: 10 },
        { label: 'b', delay: 20 },
      ],
      want: ['a@10', 'b@20', 'c@30'],
    },
    {
      name: 'timers due at the same time fire in the order they were set (FIFO)',
      timers: [
        { label: 'first', delay: 10 },
        { label: 'second', delay: 10 },
        { label: 'early', delay: 5 },
        { label: 'third', delay: 10 },
      ],
      want: ['early@5', 'first@10', 'second@10', 'third@10'],
    },
    {
      name: 'zero and negative delays fire at the current time, in order set',
      timers: [
        { label: 'neg', delay: -10 },
        { label: 'zero', delay: 0 },
      ],
      want: ['neg@0', 'zero@0'],
    },
    {
      name: 'many timers with ties stay FIFO through the heap',
      timers: Array.from({ length: 40 }, (_, i) => ({ label: `t${i}`, delay: (i * 7) % 5 })),
      want: [0, 1, 2, 3, 4].flatMap((d) =>
        Array.from({ length: 40 }, (_, i) => i)
          .filter((i) => (i * 7) % 5 === d)
          .map((i) => `t${i}@${d}`),
      ),
    },
  ])('$name', async ({ timers, want }) => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    for (const { label, delay } of timers)
      clock.setTimeout(() => fired.push(`${label}@${clock.now()}`), delay);
    await clock.advance(100);
    expect(fired).toEqual(want);
  });

  it('cancelled timers do not fire and others still do', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const a = clock.setTimeout(() => fired.push('a'), 10);
    clock.setTimeout(() => fired.push('b'), 10);
    const c = clock.setTimeout(() => fired.push('c'), 20);
    clock.clearTimeout(a);
    clock.clearTimeout(c);
    await clock.advance(100);
    expect(fired).toEqual(['b']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a timer cancelled by an earlier timer at the same instant does not fire', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    let later: ReturnType<VirtualClock['setTimeout']> | undefined;
    clock.setTimeout(() => {
      fired.push('canceller');
      if (later) clock.clearTimeout(later);
    }, 10);
    later = clock.setTimeout(() => fired.push('victim'), 10);
    await clock.advance(10);
    expect(fired).toEqual(['canceller']);
  });

  it('counts pending timers, excluding cancelled ones', async () => {
    const clock = new VirtualClock();
    const a = clock.setTimeout(() => undefined, 10);
    clock.setTimeout(() => undefined, 20);
    expect(clock.pendingTimers()).toBe(2);
    clock.clearTimeout(a);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(20);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('clearing a timer that already fired, or twice, does not change the pending count', async () => {
    const clock = new VirtualClock();
    const fired = clock.setTimeout(() => undefined, 10);
    await clock.advance(10);
    clock.clearTimeout(fired);
    const twice = clock.setTimeout(() => undefined, 10);
    clock.clearTimeout(twice);
    clock.clearTimeout(twice);
    let ran = false;
    clock.setTimeout(() => (ran = true), 10);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(10);
    expect(ran).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('async work started by a timer settles before the next timer fires', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.setTimeout(() => {
      void (async () => {
        log.push('a:start');
        for (let i = 0; i < 20; i++) await Promise.resolve();
        log.push('a:end');
      })();
    }, 10);
    clock.setTimeout(() => log.push('b'), 10);
    clock.setTimeout(() => log.push('c'), 11);
    await clock.advance(20);
    expect(log).toEqual(['a:start', 'a:end', 'b', 'c']);
  });

  it('each of many timers at one instant sees the async work of the one before settled, across turns', async () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    let running = 0;
    // More timers than one event-loop turn fires, some cleared, each starting a promise chain.
    const handles = Array.from({ length: 1000 }, (_, i) =>
      clock.setTimeout(() => {
        if (running !== 0) throw new Error(`timer ${i} fired before the previous one settled`);
        running++;
        void (async () => {
          for (let step = 0; step < 3 + (i % 5); step++) await Promise.resolve();
          log.push(i);
          running--;
        })();
      }, 10),
    );
    for (const [i, handle] of handles.entries()) if (i % 7 === 0) clock.clearTimeout(handle);
    await clock.advance(10);
    expect(log).toEqual([...handles.keys()].filter((i) => i % 7 !== 0));
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a timer that throws rejects the advance and fires nothing after it', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 5);
    clock.setTimeout(() => fired.push('later'), 6);
    await expect(clock.advance(10)).rejects.toThrow('boom');
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(5);
  });

  it('timers set while firing, due within the target, fire in the same advance at their own time', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => {
      fired.push(`outer@${clock.now()}`);
      clock.setTimeout(() => fired.push(`inner@${clock.now()}`), 15);
      clock.setTimeout(() => fired.push(`beyond@${clock.now()}`), 100);
    }, 10);
    await clock.advance(50);
    expect(fired).toEqual(['outer@10', 'inner@25']);
    expect(clock.now()).toBe(50);
    await clock.advance(60);
    expect(fired).toEqual(['outer@10', 'inner@25', 'beyond@110']);
  });

  it.each([
    {
      name: 'advanceTo fires timers due exactly at the target',
      target: 100,
      want: ['at100'],
      now: 100,
    },
    { name: 'advanceTo stops short of timers after the target', target: 99, want: [], now: 99 },
    {
      name: 'advanceTo an earlier time does not move time back or fire anything',
      target: -5,
      want: [],
      now: 0,
    },
  ])('$name', async ({ target, want, now }) => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('at100'), 100);
    await clock.advanceTo(target);
    expect(fired).toEqual(want);
    expect(clock.now()).toBe(now);
  });

  it('advanceTo in the past keeps the current time', async () => {
    const clock = new VirtualClock(1000);
    await clock.advanceTo(500);
    expect(clock.now()).toBe(1000);
  });

  it('sleep resolves once the delay has passed on the virtual clock, not before', async () => {
    const clock = new VirtualClock();
    let woke: number | undefined;
    void clock.sleep(250).then(() => (woke = clock.now()));
    await clock.advance(249);
    expect(woke).toBeUndefined();
    await clock.advance(1);
    expect(woke).toBe(250);
  });

  it('a sleeping loop runs once per period, and an hour takes few real milliseconds', async () => {
    const clock = new VirtualClock();
    const ticks: number[] = [];
    let running = true;
    void (async () => {
      while (running) {
        await clock.sleep(10_000);
        ticks.push(clock.now());
      }
    })();
    await clock.advance(3_600_000);
    running = false;
    expect(ticks).toHaveLength(360);
    expect(ticks[0]).toBe(10_000);
    expect(ticks[359]).toBe(3_600_000);
  });
});
