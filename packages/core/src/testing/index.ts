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
  type ConformanceTestApi,
  type StateStoreConformanceOptions,
  type StateStoreHarness,
} from './state-store-conformance';
