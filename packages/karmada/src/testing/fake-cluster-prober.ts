import type { Cluster } from '@lifeboat/core';
import type { ClusterProber, ProbeResult } from '../health/cluster-prober';

const HEALTHY: ProbeResult = { online: true, healthy: true };

/**
 * TEST DOUBLE of the `ClusterProber` for virtual-time tests and simulations: answers from a
 * table you change (`fail`, `degrade`, `recover`) instead of an HTTP request. Every cluster is
 * healthy until told otherwise. Counts probes per cluster.
 * @public
 */
export class FakeClusterProber implements ClusterProber {
  private readonly answers = new Map<string, ProbeResult>();
  private readonly counts = new Map<string, number>();

  async probe(cluster: Cluster): Promise<ProbeResult> {
    const name = cluster.metadata.name;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.answers.get(name) ?? HEALTHY;
  }

  /** The API server stops answering (offline). */
  fail(cluster: string): void {
    this.answers.set(cluster, {
      online: false,
      healthy: false,
      detail: 'test double: cluster failed',
    });
  }

  /** The API server answers but `/readyz` is not ok. */
  degrade(cluster: string): void {
    this.answers.set(cluster, {
      online: true,
      healthy: false,
      detail: 'test double: cluster degraded',
    });
  }

  /** The API server is healthy again. */
  recover(cluster: string): void {
    this.answers.delete(cluster);
  }

  /** How many times `cluster` was probed. */
  probes(cluster: string): number {
    return this.counts.get(cluster) ?? 0;
  }
}
