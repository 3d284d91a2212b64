import { objectKey } from '../model/meta';
import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { Quantity } from '../model/quantity';
import { addResources, sameResources, scaleResources, type ResourceList } from '../model/resources';

/** How long an assumption may wait for the cluster to report (Karmada's default TTL). @public */
export const ASSUMED_REPLICAS_TTL_MS = 5 * 60_000;

interface Assumption {
  readonly binding: string;
  /** What the added replicas request, one pod slot each included. */
  readonly resources: ResourceList;
  /** The cluster's reported `status.allocated` when the replicas were placed. */
  readonly baseline: ResourceList;
  readonly at: number;
}

const NOTHING: ResourceList = {};

/**
 * The replicas the scheduler has placed that the clusters have not reported yet (kube-scheduler's
 * assume cache, Karmada's `SchedulingOvercommitProtection`): without it, every decision of a
 * failover storm reads the same stale `status.allocated` and they all pick the same cluster
 * (Karmada #6518). {@link AssumedReplicas.view} shows each cluster with what was placed there
 * added to its `allocated`, so capacity estimates count the earlier decisions.
 *
 * An assumption ends when the cluster reports an `allocated` different from the one it was made
 * against (the member has reported since: its figures now count the replicas, which it runs from
 * the moment they are applied), when the binding leaves or shrinks on that cluster, or after
 * `ttlMs` (the cluster never reported: the replicas may never have started).
 * @public
 */
export class AssumedReplicas {
  private readonly byCluster = new Map<string, readonly Assumption[]>();
  /** The clusters as last given to {@link AssumedReplicas.view}, for the baselines. */
  private latest: readonly Cluster[] = [];
  /** `latest` by name, built only when an assumption needs it (not on every cycle). */
  private index?: { readonly of: readonly Cluster[]; readonly byName: Map<string, Cluster> };
  /** Per cluster, the view built for one base object and one set of assumptions. */
  private readonly views = new Map<
    string,
    { base: Cluster; assumptions: readonly Assumption[]; view: Cluster }
  >();
  private lastInput?: readonly Cluster[];
  private lastOutput?: readonly Cluster[];
  private changed = true;

  constructor(private readonly ttlMs = ASSUMED_REPLICAS_TTL_MS) {}

  /** Whether any assumption is held. */
  get size(): number {
    let n = 0;
    for (const list of this.byCluster.values()) n += list.length;
    return n;
  }

  /**
   * Records what `placement` adds over the binding's current `spec.clusters` on each cluster, and
   * forgets the binding's assumptions on clusters where it now has fewer replicas.
   */
  assume(binding: Binding, placement: readonly TargetCluster[], now: number): void {
    const key = objectKey(binding.metadata);
    const before = new Map((binding.spec.clusters ?? []).map((t) => [t.name, t.replicas]));
    const after = new Map(placement.map((t) => [t.name, t.replicas]));
    for (const [name, replicas] of before) {
      if ((after.get(name) ?? 0) < replicas) this.forget(name, key);
    }
    const request = binding.spec.replicaRequirements?.resourceRequest ?? NOTHING;
    for (const [name, replicas] of after) {
      const added = replicas - (before.get(name) ?? 0);
      if (added <= 0) continue;
      // A new list each time: the views are cached by list identity.
      this.byCluster.set(name, [
        ...(this.byCluster.get(name) ?? []),
        {
          binding: key,
          resources: { ...scaleResources(request, added), pods: Quantity.fromUnits(added) },
          baseline: this.reported(name),
          at: now,
        },
      ]);
      this.changed = true;
    }
  }

  /**
   * The clusters with what is assumed on them added to `status.allocated`. The same objects (and
   * the same list) come back while nothing changed, so caches keyed by them keep working.
   */
  view(clusters: readonly Cluster[], now: number): readonly Cluster[] {
    this.latest = clusters;
    if (this.byCluster.size === 0) return clusters;
    this.expire(now);
    if (this.byCluster.size === 0) return clusters;
    if (!this.changed && clusters === this.lastInput && this.lastOutput) return this.lastOutput;
    const output = clusters.map((cluster) => this.viewOf(cluster));
    this.lastInput = clusters;
    this.lastOutput = output;
    this.changed = false;
    return output;
  }

  private viewOf(cluster: Cluster): Cluster {
    const name = cluster.metadata.name;
    const assumptions = this.byCluster.get(name);
    if (!assumptions || !cluster.status?.allocatable) return cluster;
    const cached = this.views.get(name);
    if (cached && cached.base === cluster && cached.assumptions === assumptions) return cached.view;
    let allocated = cluster.status.allocated ?? NOTHING;
    for (const a of assumptions) allocated = addResources(allocated, a.resources);
    const view: Cluster = { ...cluster, status: { ...cluster.status, allocated } };
    this.views.set(name, { base: cluster, assumptions, view });
    return view;
  }

  /** Drops what the clusters have reported since, and what waited longer than the TTL. */
  private expire(now: number): void {
    for (const [name, list] of this.byCluster) {
      const reported = this.reported(name);
      const kept = list.filter(
        (a) => now - a.at < this.ttlMs && sameResources(a.baseline, reported),
      );
      if (kept.length === list.length) continue;
      this.changed = true;
      if (kept.length === 0) this.byCluster.delete(name);
      else this.byCluster.set(name, kept);
    }
  }

  /** The cluster's `status.allocated` as last seen. */
  private reported(name: string): ResourceList {
    if (this.index?.of !== this.latest)
      this.index = {
        of: this.latest,
        byName: new Map(this.latest.map((c) => [c.metadata.name, c])),
      };
    return this.index.byName.get(name)?.status?.allocated ?? NOTHING;
  }

  private forget(cluster: string, binding: string): void {
    const list = this.byCluster.get(cluster);
    if (!list) return;
    const kept = list.filter((a) => a.binding !== binding);
    if (kept.length === list.length) return;
    this.changed = true;
    if (kept.length === 0) this.byCluster.delete(cluster);
    else this.byCluster.set(cluster, kept);
  }
}
