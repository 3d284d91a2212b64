import { tieBreakOrder } from './tie-break';

/** One recipient of a Webster division. @public */
export interface WebsterParty {
  readonly name: string;
  /** Non-negative; a party with weight 0 gets nothing beyond its initial seats. */
  readonly weight: number;
  /** Seats it already holds; the division continues from there. */
  readonly initial?: number;
}

interface Seat {
  readonly name: string;
  readonly weight: number;
  /** Whole weights can be compared exactly with BigInt when their products grow too large. */
  readonly whole: boolean;
  seats: number;
}

/** Whether `a`'s next seat outranks `b`'s: higher weight/(2·seats+1), then fewer seats, then name. */
function outranks(a: Seat, b: Seat, order: 1 | -1): boolean {
  const left = a.weight * (2 * b.seats + 1);
  const right = b.weight * (2 * a.seats + 1);
  if (a.whole && b.whole && (left > Number.MAX_SAFE_INTEGER || right > Number.MAX_SAFE_INTEGER)) {
    // Integer products beyond 2^53 lose precision as doubles (two can even round equal);
    // compare them exactly.
    const exactLeft = BigInt(a.weight) * BigInt(2 * b.seats + 1);
    const exactRight = BigInt(b.weight) * BigInt(2 * a.seats + 1);
    if (exactLeft !== exactRight) return exactLeft > exactRight;
  } else if (left !== right) {
    return left > right;
  }
  if (a.seats !== b.seats) return a.seats < b.seats;
  return (a.name < b.name ? -1 : 1) * order < 0;
}

class SeatHeap {
  private readonly items: Seat[] = [];

  constructor(private readonly order: 1 | -1) {}

  get size(): number {
    return this.items.length;
  }

  push(seat: Seat): void {
    const items = this.items;
    items.push(seat);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!outranks(items[i] as Seat, items[parent] as Seat, this.order)) break;
      [items[i], items[parent]] = [items[parent] as Seat, items[i] as Seat];
      i = parent;
    }
  }

  /** The top seat, after it took one more seat (re-sifted). */
  awardTop(): void {
    const items = this.items;
    (items[0] as Seat).seats += 1;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < items.length && outranks(items[left] as Seat, items[best] as Seat, this.order))
        best = left;
      if (right < items.length && outranks(items[right] as Seat, items[best] as Seat, this.order))
        best = right;
      if (best === i) return;
      [items[i], items[best]] = [items[best] as Seat, items[i] as Seat];
      i = best;
    }
  }
}

/**
 * Hands out `seats` more seats with the Webster (Sainte-Laguë) method: each seat goes to the
 * party with the highest weight/(2·seats+1); exact ties go to the party with fewer seats, then by
 * name in the order {@link tieBreakOrder} derives from `tieBreakKey`. Parties with weight 0 get
 * nothing. Handing out seats one at a time makes the method house-monotone: more seats never
 * take one from a party. Large divisions skip ahead to seats that are certainly won, so the cost
 * is O(parties · log parties) rather than O(seats · log parties).
 *
 * Returns every party's total (initial plus won), in input order.
 * @throws RangeError when seats are to be handed out but no party has a positive weight, or a
 * weight is negative or not finite.
 * @public
 */
export function websterDivide(
  seats: number,
  parties: readonly WebsterParty[],
  tieBreakKey: string,
): Map<string, number> {
  const won = websterWinners(seats, parties, tieBreakKey);
  const result = new Map<string, number>();
  for (const p of parties) result.set(p.name, (result.get(p.name) ?? 0) + (p.initial ?? 0));
  for (const [name, total] of won) result.set(name, total);
  return result;
}

/**
 * {@link websterDivide} answering only for the parties that took part in the division (the rest
 * keep their initial seats), so a large fleet does not pay for a full result map per binding.
 * @internal
 */
export function websterWinners(
  seats: number,
  parties: readonly WebsterParty[],
  tieBreakKey: string,
): Map<string, number> {
  if (!Number.isInteger(seats) || seats < 0)
    throw new RangeError(`seats must be a non-negative integer, got ${seats}`);
  let anyInitial = false;
  const eligible: WebsterParty[] = [];
  for (const p of parties) {
    if (!(p.weight >= 0 && Number.isFinite(p.weight)))
      throw new RangeError(
        `party "${p.name}" has weight ${p.weight}; weights must be finite and non-negative`,
      );
    if (p.initial) anyInitial = true;
    if (p.weight > 0) eligible.push(p);
  }
  const result = new Map<string, number>();
  if (seats === 0) return result;
  if (eligible.length === 0)
    throw new RangeError(`cannot divide ${seats} seats: no party has a positive weight`);

  const contenders = seats < eligible.length && !anyInitial ? heaviest(eligible, seats) : eligible;
  const state: Seat[] = contenders.map((p) => ({
    name: p.name,
    weight: p.weight,
    whole: Number.isInteger(p.weight),
    seats: p.initial ?? 0,
  }));
  let left = seats - skipAhead(state, seats);
  const heap = new SeatHeap(tieBreakOrder(tieBreakKey));
  for (const s of state) heap.push(s);
  while (left > 0) {
    heap.awardTop();
    left--;
  }
  for (const s of state) result.set(s.name, s.seats);
  return result;
}

/**
 * Gives each party the seats whose quotient w/(2k+1) lies above a threshold t chosen so that at
 * most `seats` quotients do; those seats are won whatever happens after, so the one-at-a-time
 * loop only has to place the last few. One seat per party is held back to absorb rounding.
 */
function skipAhead(state: Seat[], seats: number): number {
  const n = state.length;
  if (seats <= 2 * n) return 0;
  const total = state.reduce((sum, s) => sum + s.weight, 0);
  // Quotients above t per party are at most w/(2t) + 1/2, so this t leaves at most seats - n/2.
  const t = total / (2 * (seats - n));
  let given = 0;
  for (const s of state) {
    const above = Math.ceil((s.weight / t - 1) / 2) - 1;
    const extra = Math.max(0, above - s.seats);
    s.seats += extra;
    given += extra;
  }
  return given;
}

/**
 * The parties that can win any of `seats` seats when nobody holds one yet: those at least as heavy
 * as the `seats`-th heaviest. A lighter party is outranked by each of those until all of them
 * hold a seat, which takes every seat there is; dropping it keeps large fleets cheap when few
 * replicas are placed.
 */
function heaviest(parties: readonly WebsterParty[], seats: number): readonly WebsterParty[] {
  let threshold: number;
  if (seats <= 32) {
    // A small sorted top list beats sorting every weight when few seats are handed out.
    const top: number[] = [];
    for (const p of parties) {
      if (top.length === seats && p.weight <= (top[seats - 1] as number)) continue;
      let i = Math.min(top.length, seats - 1);
      if (top.length < seats) top.push(p.weight);
      while (i > 0 && (top[i - 1] as number) < p.weight) {
        top[i] = top[i - 1] as number;
        i--;
      }
      top[i] = p.weight;
    }
    threshold = top[seats - 1] as number;
  } else {
    threshold = parties.map((p) => p.weight).sort((a, b) => b - a)[seats - 1] as number;
  }
  return parties.filter((p) => p.weight >= threshold);
}
