import type { Cluster } from '@lifeboat/core';

/**
 * What one probe of a member's API server found: `online` when an HTTP answer arrived,
 * `healthy` when that answer was 200. `detail` says what went wrong, for condition messages
 * and logs.
 * @public
 */
export interface ProbeResult {
  readonly online: boolean;
  readonly healthy: boolean;
  readonly detail?: string;
}

/**
 * Probes a Push cluster's health endpoint (Karmada's `getClusterHealthStatus`). Must not throw:
 * every failure is a {@link ProbeResult}.
 * @public
 */
export interface ClusterProber {
  probe(cluster: Cluster): Promise<ProbeResult>;
}
