/**
 * Calls `run` once at the end of the current turn of the event loop however often `request` is
 * called in it, so what callers queued in one turn goes out together.
 */
export function oncePerTurn(run: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      run();
    });
  };
}
