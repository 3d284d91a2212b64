/** FNV-1a 32-bit hash of a string's UTF-8 bytes. @public */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The name order used to break exact ties for one workload: ascending when the FNV-1a hash of
 * `key` (the workload uid) is even, descending when odd. Stable for a workload, varied across
 * workloads, so ties do not always favour the same cluster fleet-wide.
 * @public
 */
export function tieBreakOrder(key: string): 1 | -1 {
  return fnv32a(key) % 2 === 0 ? 1 : -1;
}
