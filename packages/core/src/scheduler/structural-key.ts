const memo = new WeakMap<object, string>();

/**
 * A string equal for structurally equal JSON-like values (`JSON.stringify` with object keys
 * sorted), for building plugins' equivalence keys. Remembered per object: bindings made from one
 * policy share its placement objects, so the string is built once per policy, not per binding.
 * Only for values that are not mutated after first use (stored objects are frozen).
 * @public
 */
export function structuralKey(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const known = memo.get(value);
  if (known !== undefined) return known;
  const key = JSON.stringify(value, (_key, v: unknown) =>
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.getPrototypeOf(v) === Object.prototype
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
  memo.set(value, key);
  return key;
}
