/** Collects garbage when node runs with `--expose-gc`, so heap figures are live data only. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Heap in use, in MB, after a collection when one can be forced. */
export function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}
