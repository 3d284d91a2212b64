/**
 * Freezes an object graph in place and returns it; subtrees already frozen are assumed frozen all
 * the way down. What a store hands out is frozen so that no caller can change its cache.
 * @public
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
