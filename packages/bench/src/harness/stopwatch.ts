/**
 * Wall-time measurement for the benchmark harness. The suite measures real elapsed time by
 * design, so this is the one place in the package that reads a real clock.
 */
export function nowNs(): bigint {
  return process.hrtime.bigint(); // real-time: the benchmark measures wall time
}

/** Milliseconds elapsed since `startNs`. */
export function elapsedMs(startNs: bigint): number {
  return Number(nowNs() - startNs) / 1e6;
}

/** The `q`-quantile (0..1) of `values` (nearest rank); 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
