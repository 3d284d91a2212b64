import { featureGatesSchema, parseWith } from '@lifeboat/core';
import { z } from 'zod';
import { clusterTaintPolicySchema } from './api/cluster-taint-policy-schema';
import { durationSeconds } from './duration';
import { KARMADA_FEATURE_GATES } from './feature-gates';
import type { ClusterTaintPolicy } from './taints/cluster-taint-policy';
import { DEFAULT_TAINT_POLICIES } from './taints/default-taint-policy';

// A period of 0 would re-run a loop without ever letting time pass.
const period = durationSeconds.refine((s) => s > 0, { message: 'must be longer than 0' });

/**
 * The Karmada flavour's settings: Karmada's flag names in camelCase with Karmada's defaults.
 * Durations accept seconds or `30s`/`10m`/`1h` strings and are held in seconds. Unknown names
 * are errors.
 * @public
 */
export const karmadaOptionsSchema = z.strictObject({
  /** `--cluster-status-update-frequency`: probe period. */
  clusterStatusUpdateFrequency: period.default(10),
  /** `--cluster-success-threshold`: healthy time needed before Ready turns True again. */
  clusterSuccessThreshold: durationSeconds.default(30),
  /** `--cluster-failure-threshold`: failing time needed before Ready leaves True. */
  clusterFailureThreshold: durationSeconds.default(30),
  /** `--cluster-monitor-period`: watchdog period for Pull clusters. */
  clusterMonitorPeriod: period.default(5),
  /** `--cluster-monitor-grace-period`: staleness before a Pull cluster turns Unknown. */
  clusterMonitorGracePeriod: durationSeconds.default(40),
  /** `--cluster-startup-grace-period`: the same for a cluster that never reported. */
  clusterStartupGracePeriod: durationSeconds.default(60),
  /** `--cluster-lease-duration`: the agent's lease duration. */
  clusterLeaseDuration: durationSeconds.default(40),
  /** `--cluster-lease-renew-interval-fraction`: renew every duration × fraction. */
  clusterLeaseRenewIntervalFraction: z.number().gt(0).lt(1).default(0.25),
  /** `--resource-eviction-rate`: evictions started per second (0: one per 1800 s). */
  resourceEvictionRate: z.number().nonnegative().default(0.5),
  /** `--graceful-eviction-timeout`: longest a graceful eviction keeps the old replicas. */
  gracefulEvictionTimeout: durationSeconds.default(600),
  /** `--no-execute-taint-eviction-purge-mode`: purge mode when the binding names none. */
  noExecuteTaintEvictionPurgeMode: z.enum(['Gracefully', 'Directly']).default('Gracefully'),
  /** `--enable-taint-manager`. */
  enableTaintManager: z.boolean().default(true),
  /** `--enable-no-execute-taint-eviction`: Karmada's default is false; Lifeboat's is true. */
  enableNoExecuteTaintEviction: z.boolean().default(true),
  /** `--feature-gates`: only the gates this flavour reads. */
  featureGates: featureGatesSchema(KARMADA_FEATURE_GATES),
  /**
   * The ClusterTaintPolicies to apply (Lifeboat's stand-in for the ClusterTaintPolicy objects).
   * Defaults to {@link DEFAULT_TAINT_POLICIES}; `[]` applies none.
   */
  taintPolicies: z.array(clusterTaintPolicySchema).default(() => [...DEFAULT_TAINT_POLICIES]),
});

/** The settings as a user writes them (every field optional). @public */
export type KarmadaOptionsInput = z.input<typeof karmadaOptionsSchema>;

/** Validated settings with every default filled in; durations in seconds. @public */
export type KarmadaOptions = z.output<typeof karmadaOptionsSchema> & {
  readonly taintPolicies: ClusterTaintPolicy[];
};

/**
 * Validates settings and fills in defaults. Throws core's `ValidationError` naming each bad
 * field under `path` (e.g. `settings.clusterFailureThreshold`).
 * @public
 */
export function parseKarmadaOptions(input: unknown = {}, path = ''): KarmadaOptions {
  return parseWith(karmadaOptionsSchema, input ?? {}, path);
}
