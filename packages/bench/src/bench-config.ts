import type { SimulateCase } from './suites/simulate-suite';
import type { ThroughputProfile } from './suites/throughput-suite';
import { THROUGHPUT_PROFILES } from './suites/throughput-suite';

/** What one `npm run bench` measures. */
export interface BenchConfig {
  readonly throughput: {
    readonly profiles: readonly ThroughputProfile[];
    readonly clusters: readonly number[];
    readonly bindings: number;
    readonly policies: number;
    /** Per run; a row that runs out reports the bindings it measured. */
    readonly budgetMs?: number;
  };
  readonly storm: {
    readonly clusters: number;
    readonly bindings: number;
    readonly replicas: number;
    readonly policies: number;
    readonly rateLimitedVirtualLimitMs: number;
  };
  readonly growth: {
    readonly clusters: readonly [number, number];
    readonly bindings: readonly [number, number];
    readonly clustersForBindings: number;
    readonly bindingsForClusters: number;
    readonly policies: number;
  };
  readonly overhead: {
    readonly clusters: number;
    readonly bindings: number;
    readonly policies: number;
    readonly rounds: number;
  };
  /** `lifeboat simulate` on generated region losses (`tools/generate-region-loss.js`). */
  readonly simulate: { readonly cases: readonly SimulateCase[] };
  /** Runs of each throughput row, of the unlimited storm and of each simulation; the table shows the median. */
  readonly repeat: number;
}

/** The sizes of the issue: 10,000 bindings on 100/1,000/5,000 clusters; a 1,000-cluster storm. */
export const FULL_CONFIG: BenchConfig = {
  throughput: {
    profiles: THROUGHPUT_PROFILES,
    clusters: [100, 1000, 5000],
    bindings: 10_000,
    policies: 300,
    budgetMs: 30_000,
  },
  storm: {
    clusters: 1000,
    bindings: 20_000,
    replicas: 100_000,
    policies: 300,
    rateLimitedVirtualLimitMs: 24 * 3_600_000,
  },
  growth: {
    clusters: [100, 1000],
    bindings: [10_000, 100_000],
    clustersForBindings: 1000,
    bindingsForClusters: 10_000,
    policies: 300,
  },
  overhead: { clusters: 1000, bindings: 3000, policies: 300, rounds: 5 },
  simulate: {
    cases: [
      // examples/region-loss-100.yaml itself, then the 1,000-cluster fleet in both formats.
      { clustersPerRegion: 25, workloads: 1000, format: 'yaml' },
      { clustersPerRegion: 250, workloads: 10_000, format: 'yaml' },
      { clustersPerRegion: 250, workloads: 10_000, format: 'json' },
    ],
  },
  repeat: 3,
};

/** Seconds-long sizes for the smoke test in `npm test`: the suites run, nothing is timed. */
export const TINY_CONFIG: BenchConfig = {
  throughput: { profiles: THROUGHPUT_PROFILES, clusters: [12, 30], bindings: 40, policies: 6 },
  storm: {
    clusters: 20,
    bindings: 60,
    replicas: 300,
    policies: 6,
    rateLimitedVirtualLimitMs: 24 * 3_600_000,
  },
  growth: {
    clusters: [10, 30],
    bindings: [20, 60],
    clustersForBindings: 20,
    bindingsForClusters: 30,
    policies: 5,
  },
  overhead: { clusters: 20, bindings: 40, policies: 5, rounds: 2 },
  simulate: {
    cases: [
      { clustersPerRegion: 2, workloads: 16, format: 'yaml' },
      { clustersPerRegion: 2, workloads: 16, format: 'json' },
    ],
  },
  repeat: 1,
};
