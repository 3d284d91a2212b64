/** Test doubles for the Karmada flavour. Import from `@lifeboat/karmada/testing`. */
export { FakeClusterProber } from './fake-cluster-prober';
