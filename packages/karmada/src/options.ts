import {
  DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD,
  MIN_PERIOD_MS,
  durationSchema,
  featureGatesSchema,
  parseWith,
} from '@lifeboat/core';
import { z } from 'zod';
import { clusterTaintPolicySchema } from './api/cluster-taint-policy-schema';
import { KARMADA_FEATURE_GATES } from './feature-gates';
import type { ClusterTaintPolicy } from './taints/cluster-taint-policy';
import { DEFAULT_TAINT_POLICIES } from './taints/default-taint-policy';

// A period of 0 would re-run a loop without ever letting time pass (Karmada refuses it too).
const period = durationSchema({ min: MIN_PERIOD_MS });
const duration = durationSchema();

/**
 * The Karmada flavour's settings: Karmada's flag names in camelCase with Karmada's defaults.
 * Durations are Go durations (`500ms`, `30s`, `1m30s`, `1h`) or numbers of seconds, held in
 * milliseconds. Unknown names are errors.
 * @public
 */
export const karmadaOptionsSchema = z.strictObject({
  /** `--cluster-status-update-frequency`: probe period. */
  clusterStatusUpdateFrequency: period.prefault('10s'),
  /** `--cluster-success-threshold`: healthy time needed before Ready turns True again. */
  clusterSuccessThreshold: duration.prefault('30s'),
  /** `--cluster-failure-threshold`: failing time needed before Ready leaves True. */
  clusterFailureThreshold: duration.prefault('30s'),
  /** `--cluster-monitor-period`: watchdog period for Pull clusters. */
  clusterMonitorPeriod: period.prefault('5s'),
  /** `--cluster-monitor-grace-period`: staleness before a Pull cluster turns Unknown. */
  clusterMonitorGracePeriod: duration.prefault('40s'),
  /** `--cluster-startup-grace-period`: the same for a cluster that never reported. */
  clusterStartupGracePeriod: duration.prefault('1m'),
  /** `--cluster-lease-duration`: the agent's lease duration. */
  clusterLeaseDuration: duration.prefault('40s'),
  /** `--cluster-lease-renew-interval-fraction`: renew every duration × fraction. */
  clusterLeaseRenewIntervalFraction: z.number().gt(0).lt(1).default(0.25),
  /** `--resource-eviction-rate`: evictions started per second (0: one per 1800 s). */
  resourceEvictionRate: z.number().nonnegative().default(0.5),
  /** `--graceful-eviction-timeout`: longest a graceful eviction keeps the old replicas. */
  gracefulEvictionTimeout: duration.prefault('10m'),
  /** `--no-execute-taint-eviction-purge-mode`: purge mode when the binding names none. */
  noExecuteTaintEvictionPurgeMode: z.enum(['Gracefully', 'Directly']).default('Gracefully'),
  /** `--enable-taint-manager`. */
  enableTaintManager: z.boolean().default(true),
  /** `--enable-no-execute-taint-eviction`: Karmada's default is false; Lifeboat's is true. */
  enableNoExecuteTaintEviction: z.boolean().default(true),
  /**
   * Lifeboat (gate `MassFailureGuard`): when at least 3 clusters and at least this fraction of
   * the fleet (or of a partly down region) are not Ready, no new eviction starts. Kubernetes'
   * `--unhealthy-zone-threshold`.
   */
  unhealthyClusterThreshold: z.number().gt(0).max(1).default(DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD),
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

/** Validated settings with every default filled in; durations in milliseconds. @public */
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
