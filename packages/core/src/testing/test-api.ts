/**
 * The test functions the suite registers its cases with. Jest's and Vitest's globals fit, and so
 * do `node:test`'s `describe`, `it`, `beforeEach` and `afterEach`.
 * @public
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  beforeEach(body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
}

/**
 * The runner's globals (Jest, Vitest), or an error telling the caller of `suite` to pass its
 * runner's functions.
 * @internal
 */
export function globalTestApi(suite: string): ConformanceTestApi {
  const api = globalThis as Partial<ConformanceTestApi>;
  const { describe, it, beforeEach, afterEach } = api;
  if (!describe || !it || !beforeEach || !afterEach)
    throw new Error(
      `${suite}: no global describe/it/beforeEach/afterEach; pass options.testApi (e.g. from node:test)`,
    );
  return { describe, it, beforeEach, afterEach };
}
