/**
 * Test helpers for Lifeboat parts: builders, fake plugins, an in-memory member-cluster test
 * double and the StateStore conformance suite. Import from `@lifeboat/core/testing`.
 */
import 'reflect-metadata';

export { ClusterBuilder, makeBinding, makeCluster } from './builders';
export { InMemoryActuator } from './in-memory-actuator';
export { fixedScores, rejectClusters, untoleratedTaintFilter } from './fake-plugins';
export {
  CORE_TOKEN_OVERRIDES,
  OVERRIDE_FLEET,
  runFailoverManager,
  type OverrideVerdict,
  type TokenOverrideCase,
} from './token-overrides';
export {
  WatchRecorder,
  describeStateStoreConformance,
  type StateStoreConformanceOptions,
  type StateStoreHarness,
} from './state-store-conformance';
export { type ConformanceTestApi } from './test-api';
export { SeededRandom } from './seeded-random';
export { generateBindings, generateFleet, type FleetGeneration } from './generated-fleet';
export {
  TopRankedStrategy,
  scheduleOnce,
  type ScheduleOnceInput,
  type ScheduleOnceOutcome,
} from './schedule-once';
export { describePluginConformance } from './plugin-conformance';
export type { InvalidArgsCase, PluginConformanceOptions } from './plugin-conformance-options';
export { UNKNOWN_ARGUMENT, checkPluginArgs, checkPluginConstruction } from './plugin-args-check';
export { checkPluginScores, checkPluginStatuses } from './plugin-point-checks';
export { checkPluginEquivalence } from './plugin-equivalence-check';
