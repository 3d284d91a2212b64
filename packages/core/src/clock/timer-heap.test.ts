import { TimerHeap, type VirtualTimer } from './timer-heap';

const timer = (id: number, at: number, seq = id): VirtualTimer => ({
  id,
  at,
  seq,
  callback: () => undefined,
});

function popAll(heap: TimerHeap): number[] {
  const ids: number[] = [];
  for (let t = heap.pop(); t; t = heap.pop()) ids.push(t.id);
  return ids;
}

describe('TimerHeap', () => {
  it('is empty when new', () => {
    const heap = new TimerHeap();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it.each([
    {
      name: 'pops by due time',
      timers: [timer(1, 30), timer(2, 10), timer(3, 20)],
      want: [2, 3, 1],
    },
    {
      name: 'pops equal due times by sequence',
      timers: [timer(1, 10, 3), timer(2, 10, 1), timer(3, 10, 2)],
      want: [2, 3, 1],
    },
    { name: 'a single timer', timers: [timer(7, 5)], want: [7] },
  ])('$name', ({ timers, want }) => {
    const heap = new TimerHeap();
    for (const t of timers) heap.push(t);
    expect(heap.size).toBe(timers.length);
    expect(heap.peek()?.id).toBe(want[0]);
    expect(popAll(heap)).toEqual(want);
    expect(heap.size).toBe(0);
  });

  it('orders a large shuffled set like a stable sort by due time', () => {
    // A deterministic pseudo-random permutation (no Math.random in tests).
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const timers = Array.from({ length: 500 }, (_, i) => timer(i, next() % 50, i));
    const heap = new TimerHeap();
    for (const t of timers) heap.push(t);
    const want = [...timers].sort((a, b) => a.at - b.at || a.seq - b.seq).map((t) => t.id);
    expect(popAll(heap)).toEqual(want);
  });

  it('keeps order when pushes and pops interleave', () => {
    const heap = new TimerHeap();
    heap.push(timer(1, 50));
    heap.push(timer(2, 10));
    expect(heap.pop()?.id).toBe(2);
    heap.push(timer(3, 5));
    heap.push(timer(4, 50));
    expect(popAll(heap)).toEqual([3, 1, 4]);
  });
});
