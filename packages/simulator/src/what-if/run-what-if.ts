import { ValidationError } from '@lifeboat/core';
import { runScenario, type RunOptions } from '../run/run-scenario';
import type { LoadedScenario } from '../scenario/load-scenario';
import { MAX_SCENARIO_DURATION_MS } from '../scenario/scenario-schema';
import { answerFromReport } from './answer-from-report';
import { failedClusters, type WhatIfQuestion, type WhatIfQuestionPaths } from './failed-clusters';
import type { WhatIfAnswer } from './what-if-answer';
import { whatIfScenario } from './what-if-scenario';

/** How long the fleet runs after the failure by default: past Karmada's and Clusternet's longest default grace (10 min). @public */
export const DEFAULT_WHAT_IF_HORIZON_MS = 60 * 60 * 1000;

/** Time the fleet runs before the failure, on top of the slowest workload's start-up. */
const WARM_UP_MS = 60 * 1000;

/** Options of {@link runWhatIf}. @public */
export interface WhatIfOptions {
  /** Virtual time from the failure to the end of the simulation (default one hour). */
  readonly horizonMs?: number;
  /**
   * When the clusters fail (default: one minute after the slowest workload's `startupSeconds`,
   * rounded up to a second, so the fleet is at rest with every replica ready).
   */
  readonly failAtMs?: number;
  /** Passed to the simulation: seed, logger, plugins of your own. */
  readonly run?: RunOptions;
  /** How bad input is reported. */
  readonly paths?: WhatIfQuestionPaths;
}

/** The default failure time of {@link WhatIfOptions.failAtMs}. */
function defaultFailAt(loaded: LoadedScenario): number {
  const slowest = Math.max(0, ...loaded.scenario.spec.workloads.map((w) => w.startupSeconds));
  return WARM_UP_MS + Math.ceil(slowest) * 1000;
}

/**
 * "What if these clusters fail?": runs the scenario's fleet and workloads (not its events) in
 * virtual time with the flavour's real controllers, fails the named clusters (and every cluster
 * of the named regions) at once, lets the health detection, taints, evictions and scheduling
 * run for the horizon, and reads the end state. By construction the answer is the end state of
 * `lifeboat simulate` on the same scenario with those `fail` events and that duration.
 * Deterministic: the same scenario, question and seed give the same answer. Throws core's
 * `ValidationError` for unknown clusters or regions, or a horizon out of range.
 * @public
 */
export async function runWhatIf(
  loaded: LoadedScenario,
  question: WhatIfQuestion,
  options: WhatIfOptions = {},
): Promise<WhatIfAnswer> {
  const failed = failedClusters(loaded.scenario, question, options.paths);
  const horizon = options.horizonMs ?? DEFAULT_WHAT_IF_HORIZON_MS;
  const failAt = options.failAtMs ?? defaultFailAt(loaded);
  if (!(horizon >= 1000 && failAt + horizon <= MAX_SCENARIO_DURATION_MS))
    throw ValidationError.at(
      'horizon',
      `must be at least 1s and end within ${MAX_SCENARIO_DURATION_MS / 3_600_000}h of the start (the failure is at ${failAt / 1000}s)`,
    );
  const report = await runScenario(
    whatIfScenario(loaded, failed, failAt, failAt + horizon),
    options.run,
  );
  return answerFromReport(loaded.scenario, report, failed, failAt / 1000);
}
