/** A scheduled virtual timer. */
export interface VirtualTimer {
  readonly id: number;
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A binary min-heap of timers ordered by due time, then by scheduling order (FIFO on ties). */
export class TimerHeap {
  private readonly items: VirtualTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): VirtualTimer | undefined {
    return this.items[0];
  }

  push(timer: VirtualTimer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as VirtualTimer, items[parent] as VirtualTimer)) break;
      [items[i], items[parent]] = [items[parent] as VirtualTimer, items[i] as VirtualTimer];
      i = parent;
    }
  }

  pop(): VirtualTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l] as VirtualTimer, items[m] as VirtualTimer)) m = l;
        if (r < items.length && before(items[r] as VirtualTimer, items[m] as VirtualTimer)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as VirtualTimer, items[i] as VirtualTimer];
        i = m;
      }
    }
    return top;
  }
}
