import {
  DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD,
  MIN_PERIOD_MS,
  durationSchema,
  featureGatesSchema,
  parseWith,
} from '@lifeboat/core';
import { z } from 'zod';
import { CLUSTERNET_FEATURE_GATES } from './feature-gates';

// A period or timeout of 0 would spin a loop or fail every request without time passing.
const period = durationSchema({ min: MIN_PERIOD_MS });
const duration = durationSchema();

const settingsSchema = z.strictObject({
  /** Agent: how often status is gathered locally (`--cluster-status-collect-frequency`). */
  clusterStatusCollectFrequency: period.prefault('20s'),
  /** Agent: how often status is posted, the heartbeat (`--cluster-status-update-frequency`). */
  clusterStatusUpdateFrequency: period.prefault('3m'),
  /** Lifecycle controller: the threshold when a cluster reports no heartbeat frequency. */
  clusterMonitorGracePeriod: duration.prefault('9m'),
  /** Scheduler: how long one predictor request may take (Clusternet's `DefaultTimeout`). */
  predictorTimeout: period.prefault('20s'),
});

const failoverSchema = z.strictObject({
  /** Lifeboat option: a matching toleration's `tolerationSeconds` delays eviction (Clusternet ignores it). */
  honorTolerationSeconds: z.boolean().default(false),
  /** Lifeboat option: keep the old replicas until the new ones are ready (`Gracefully`). */
  keepOldReplicasUntilReady: z.boolean().default(false),
  /** With `keepOldReplicasUntilReady`: the longest time old replicas are kept. */
  gracefulEvictionTimeout: duration.prefault('10m'),
  /**
   * Lifeboat option (gate `MassFailureGuard`): when at least 3 clusters and at least this
   * fraction of the fleet (or of a partly down region) are not Ready, no new eviction starts.
   */
  unhealthyClusterThreshold: z.number().gt(0).max(1).default(DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD),
  /**
   * Lifeboat option: once every cluster a subscription was evicted from has been Ready and
   * untainted this long, it returns to its placement before the failover. Absent: never.
   */
  failbackStabilizationWindow: durationSchema({ min: 1000 }).optional(),
});

/**
 * Lifeboat's opt-in improvements (the `failover` options), which scenario files and the
 * controller's config accept under `settings` beside Clusternet's flags.
 * @public
 */
export const CLUSTERNET_LIFEBOAT_SETTINGS: ReadonlySet<string> = new Set(
  Object.keys(failoverSchema.shape),
);

/** The options schema; unknown fields are errors. @public */
export const clusternetOptionsSchema = z.strictObject({
  /** `FailOver`: move workloads off clusters that stopped being Ready (alpha, off by default). */
  featureGates: featureGatesSchema(CLUSTERNET_FEATURE_GATES),
  settings: settingsSchema.prefault({}),
  failover: failoverSchema.prefault({}),
});

/**
 * What `registerClusternet` accepts: Clusternet flag names in camelCase under `settings`
 * (durations as Go durations, `20s`/`1m30s`/`500ms`, or numbers of seconds), Clusternet gates under `featureGates`, and Lifeboat's
 * opt-in improvements under `failover`. Everything is optional.
 * @public
 */
export type ClusternetOptionsInput = z.input<typeof clusternetOptionsSchema>;

/**
 * Validated options with every default filled in. Durations are milliseconds.
 * @public
 */
export type ClusternetOptions = z.output<typeof clusternetOptionsSchema>;

/**
 * Validates and defaults options once, at the edge.
 * @throws ValidationError naming each bad or unknown field (`settings.clusterStatusUpdateFrequncy: unknown field`).
 * @public
 */
export function parseClusternetOptions(input: unknown = {}): ClusternetOptions {
  return parseWith(clusternetOptionsSchema, input ?? {});
}
