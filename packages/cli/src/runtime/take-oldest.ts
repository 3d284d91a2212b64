/**
 * Removes and returns up to `count` of the oldest entries of `keys` (a Set keeps insertion
 * order), without copying the rest: a drain loop over thousands of keys stays linear.
 */
export function takeOldest(keys: Set<string>, count: number): string[] {
  const taken: string[] = [];
  for (const key of keys) {
    if (taken.length === count) break;
    taken.push(key);
  }
  for (const key of taken) keys.delete(key);
  return taken;
}
