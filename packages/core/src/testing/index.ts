/**
 * Test helpers for Lifeboat parts: builders, fake plugins and an in-memory member-cluster test
 * double. Import from `@lifeboat/core/testing`.
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
