/**
 * Test helpers for simulations, published as `@lifeboat/simulator/testing`: a flavour built from
 * core parts only, for tests that should not depend on a real flavour package.
 */
export { testDoubleFlavor, TEST_DOUBLE_DOWN_TAINT } from './test-double-flavor';
export { groupMove, type GroupMove } from './group-move';
