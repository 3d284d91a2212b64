import assert from 'node:assert/strict';
import type { PluginRegistration } from '../contracts/scheduler-plugins';
import { checkPluginArgs, checkPluginConstruction } from './plugin-args-check';
import type { PluginConformanceOptions } from './plugin-conformance-options';
import { checkPluginEquivalence } from './plugin-equivalence-check';
import { checkPluginScores, checkPluginStatuses } from './plugin-point-checks';
import { globalTestApi } from './test-api';

function expectNone(problems: readonly string[], what: string): void {
  if (problems.length > 0) assert.fail(`${what}:\n  ${problems.join('\n  ')}`);
}

/**
 * Registers the behaviour every scheduler plugin must show as one suite of test cases, run on
 * seeded generated fleets and bindings: it is built by its registration, refuses bad args at
 * their field path, returns only the status codes each point may return (with reasons that read
 * right in "N cluster(s) <reason>"), scores in 0..100 after normalizing, and keeps its
 * equivalence promise (the same results with and without sharing between bindings). Call it at
 * the top level of a test file:
 *
 * ```ts
 * import { describePluginConformance } from '@lifeboat/core/testing';
 *
 * describePluginConformance(costAwareRegistration, {
 *   validArgs: [undefined, { label: 'cost', maxCost: 10 }],
 *   invalidArgs: [{ args: { maxCost: -1 }, path: 'maxCost' }],
 *   fleet: { labels: { cost: ['0', '3', '9', 'free'] } },
 * });
 * ```
 *
 * Failures are `node:assert` errors listing each problem with the fleet, binding and cluster it
 * showed on, so the suite runs under any runner with `describe` and `it` (the globals by default;
 * `node:test`'s through `options.testApi`). Each case is also a function (`checkPluginArgs`,
 * `checkPluginStatuses`, ...) that returns the problems instead.
 * @public
 */
export function describePluginConformance(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): void {
  const { describe, it } = options.testApi ?? globalTestApi('describePluginConformance');
  describe(`${registration.name} conforms to the scheduler plugin contract`, () => {
    it('is built by its registration, under its name, with each valid args', async () =>
      expectNone(checkPluginConstruction(registration, options), 'construction'));
    it('refuses an unknown argument and each invalid args at its field path', async () =>
      expectNone(checkPluginArgs(registration, options), 'args'));
    it('returns only the status codes each point may return, with readable reasons, the same on a second call', async () =>
      expectNone(await checkPluginStatuses(registration, options), 'statuses'));
    it('scores in 0..100 after normalization', async () =>
      expectNone(await checkPluginScores(registration, options), 'scores'));
    it('keeps its equivalence promise: the same results with and without sharing on generated fleets', async () =>
      expectNone(await checkPluginEquivalence(registration, options), 'equivalence'));
  });
}
