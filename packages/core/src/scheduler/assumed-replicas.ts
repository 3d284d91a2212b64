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
  /** Per cluster, its assumptions in the order they were made (so also by time). */
  private readonly byCluster = new Map<string, readonly Assumption[]>();
  /** Per cluster, what its assumptions add up to (a view adds one sum, not every assumption). */
  private readonly sums = new Map<string, ResourceList>();
  /**
   * Per cluster, the `allocated` every one of its assumptions was last found to match: while the
   * cluster still reports that, only the TTL can end one (one comparison, not one per assumption).
   */
  private readonly checked = new Map<string, ResourceList>();
  /** The clusters as last given to {@link AssumedReplicas.view}, for the baselines. */
  private latest: readonly Cluster[] = [];
  /** `latest` by name and position, brought up to date only when an assumption needs it. */
  private index?: {
    of: readonly Cluster[];
    readonly byName: Map<string, Cluster>;
    readonly position: Map<string, number>;
  };
  /** Clusters whose object changed since the last {@link AssumedReplicas.view} looked ('all': the list's shape did). */
  private moved: Set<string> | 'all' = 'all';
  /** Clusters whose assumptions changed since `lastOutput` was built. */
  private readonly dirty = new Set<string>();
  /** No assumption was made before this time (a lower bound), so none can outlive the TTL before `oldestAt + ttlMs`. */
  private oldestAt = Number.POSITIVE_INFINITY;
  /** Per cluster, the view built for one base object and one set of assumptions. */
  private readonly views = new Map<
    string,
    { base: Cluster; assumptions: readonly Assumption[]; view: Cluster }
  >();
  /** The last view, position for position with `index.of`. */
  private lastOutput?: readonly Cluster[];

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
      const resources = { ...scaleResources(request, added), pods: Quantity.fromUnits(added) };
      const baseline = this.reported(name);
      const checked = this.checked.get(name);
      if (checked && !sameResources(checked, baseline)) this.checked.delete(name);
      // A new list each time: the views are cached by list identity.
      this.byCluster.set(name, [
        ...(this.byCluster.get(name) ?? []),
        { binding: key, resources, baseline, at: now },
      ]);
      this.sums.set(name, addResources(this.sums.get(name) ?? NOTHING, resources));
      this.oldestAt = Math.min(this.oldestAt, now);
      this.dirty.add(name);
    }
  }

  /**
   * The clusters with what is assumed on them added to `status.allocated`. The same objects (and
   * the same list) come back while nothing changed, so caches keyed by them keep working. Each
   * call costs the clusters whose object or assumptions changed since the last (plus one identity
   * check per cluster), not every assumption.
   */
  view(clusters: readonly Cluster[], now: number): readonly Cluster[] {
    this.latest = clusters;
    if (this.byCluster.size === 0) return this.unchanged(clusters);
    this.sync();
    const moved = this.moved;
    this.moved = new Set();
    this.expire(now, moved);
    if (this.byCluster.size === 0) return this.unchanged(clusters);
    const last = this.lastOutput;
    let output: Cluster[];
    if (!last || moved === 'all') output = clusters.map((cluster) => this.viewOf(cluster));
    else if (moved.size === 0 && this.dirty.size === 0) return last;
    else {
      output = last.slice();
      const position = this.index?.position;
      for (const names of [moved, this.dirty])
        for (const name of names) {
          const at = position?.get(name);
          if (at !== undefined) output[at] = this.viewOf(clusters[at] as Cluster);
        }
    }
    this.dirty.clear();
    this.lastOutput = output;
    return output;
  }

  /** `clusters` as they are (nothing is assumed); the next view is built afresh. */
  private unchanged(clusters: readonly Cluster[]): readonly Cluster[] {
    this.lastOutput = undefined;
    this.dirty.clear();
    return clusters;
  }

  private viewOf(cluster: Cluster): Cluster {
    const name = cluster.metadata.name;
    const assumptions = this.byCluster.get(name);
    if (!assumptions || !cluster.status?.allocatable) return cluster;
    const cached = this.views.get(name);
    if (cached && cached.base === cluster && cached.assumptions === assumptions) return cached.view;
    const allocated = addResources(
      cluster.status.allocated ?? NOTHING,
      this.sums.get(name) ?? NOTHING,
    );
    const view: Cluster = { ...cluster, status: { ...cluster.status, allocated } };
    this.views.set(name, { base: cluster, assumptions, view });
    return view;
  }

  /**
   * Drops what the clusters have reported since, and what waited longer than the TTL. Only the
   * clusters whose object moved can have reported (an unchanged object reports what it did when
   * its assumptions were last checked), and the TTL is checked only once one can have run out.
   */
  private expire(now: number, moved: Set<string> | 'all'): void {
    const ttlDue = now - this.oldestAt >= this.ttlMs;
    const names = ttlDue || moved === 'all' ? [...this.byCluster.keys()] : moved;
    for (const name of names) {
      const list = this.byCluster.get(name);
      if (!list) continue;
      const reported = this.reported(name);
      const checked = this.checked.get(name);
      let kept: readonly Assumption[];
      if (checked && (checked === reported || sameResources(checked, reported))) {
        // Nothing reported since: only the TTL ends assumptions, the oldest first.
        let due = 0;
        while (due < list.length && now - (list[due] as Assumption).at >= this.ttlMs) due++;
        kept = due === 0 ? list : list.slice(due);
      } else {
        kept = list.filter((a) => now - a.at < this.ttlMs && sameResources(a.baseline, reported));
      }
      this.checked.set(name, reported);
      this.replace(name, list, kept);
    }
    if (ttlDue) {
      this.oldestAt = Number.POSITIVE_INFINITY;
      for (const list of this.byCluster.values())
        for (const a of list) this.oldestAt = Math.min(this.oldestAt, a.at);
    }
  }

  /** The cluster's `status.allocated` as last seen. */
  private reported(name: string): ResourceList {
    this.sync();
    return this.index?.byName.get(name)?.status?.allocated ?? NOTHING;
  }

  /**
   * Brings the index up to `latest`, noting in `moved` the clusters whose object changed: by
   * position when the list has the same names in the same places (the informer's list of an
   * unchanged fleet), else from scratch.
   */
  private sync(): void {
    const index = this.index;
    const latest = this.latest;
    if (index?.of === latest) return;
    if (index && index.of.length === latest.length && this.moved !== 'all') {
      const moved = this.moved;
      let same = true;
      for (let i = 0; i < latest.length && same; i++) {
        const cluster = latest[i] as Cluster;
        const before = index.of[i] as Cluster;
        if (cluster === before) continue;
        const name = cluster.metadata.name;
        if (name !== before.metadata.name) same = false;
        else {
          index.byName.set(name, cluster);
          moved.add(name);
        }
      }
      if (same) {
        index.of = latest;
        return;
      }
    }
    this.index = {
      of: latest,
      byName: new Map(latest.map((c) => [c.metadata.name, c])),
      position: new Map(latest.map((c, i) => [c.metadata.name, i])),
    };
    this.moved = 'all';
  }

  private forget(cluster: string, binding: string): void {
    const list = this.byCluster.get(cluster);
    if (!list) return;
    this.replace(
      cluster,
      list,
      list.filter((a) => a.binding !== binding),
    );
  }

  /** Keeps `kept` of the cluster's assumptions `list` (the sum follows; nothing kept forgets the cluster). */
  private replace(name: string, list: readonly Assumption[], kept: readonly Assumption[]): void {
    if (kept.length === list.length) return;
    this.dirty.add(name);
    if (kept.length === 0) {
      this.byCluster.delete(name);
      this.sums.delete(name);
      this.checked.delete(name);
      return;
    }
    this.byCluster.set(name, kept);
    let sum: ResourceList = NOTHING;
    for (const a of kept) sum = addResources(sum, a.resources);
    this.sums.set(name, sum);
  }
}
