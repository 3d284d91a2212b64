import type { WorkloadGroupIndex } from '../contracts/workload-groups';
import type { Informer } from '../controller/informer';
import type { Binding, TargetCluster } from '../model/binding';
import { objectKey } from '../model/meta';

type Kind = 'affinityGroup' | 'antiAffinityGroup';

const NONE: ReadonlySet<string> = new Set();

/** A group's key: groups are namespace-scoped. */
function groupKey(binding: Binding, kind: Kind): string | undefined {
  const group = binding.spec.workloadAffinityGroups?.[kind];
  return group === undefined ? undefined : `${binding.metadata.namespace ?? ''}/${group}`;
}

/**
 * Core's {@link WorkloadGroupIndex}: bindings by namespace and group, with the scheduler's
 * assumed placements laid over the informer's copies until the informer catches up. Queries cost
 * the size of the group, not of the fleet.
 * @public
 */
export class WorkloadGroups implements WorkloadGroupIndex {
  private readonly members: Record<Kind, Map<string, Map<string, Binding>>> = {
    affinityGroup: new Map(),
    antiAffinityGroup: new Map(),
  };
  /** Per binding key: the placement decided for the version with this resourceVersion. */
  private readonly assumed = new Map<
    string,
    { readonly resourceVersion?: string; readonly clusters: readonly TargetCluster[] }
  >();

  follow(informer: Informer<'Binding'>): void {
    informer.addHandler({
      onAdd: (b) => this.set(b),
      onUpdate: (b, previous) => {
        this.unset(previous);
        this.set(b);
      },
      onDelete: (b) => {
        this.unset(b);
        this.assumed.delete(objectKey(b.metadata));
      },
    });
  }

  assume(binding: Binding, clusters: readonly TargetCluster[]): void {
    if (!binding.spec.workloadAffinityGroups) return;
    this.assumed.set(objectKey(binding.metadata), {
      resourceVersion: binding.metadata.resourceVersion,
      clusters,
    });
  }

  affinityPeers(binding: Binding): readonly Binding[] {
    return this.peers(binding, 'affinityGroup');
  }

  affinityClusters(binding: Binding): ReadonlySet<string> | undefined {
    const leaving = this.leavingClusters(binding);
    let shared: Set<string> | undefined;
    for (const peer of this.peers(binding, 'affinityGroup')) {
      const names = this.targets(peer)
        .map((t) => t.name)
        .filter((name) => !leaving.has(name));
      if (names.length === 0) continue;
      shared = shared ? new Set(names.filter((name) => shared?.has(name))) : new Set(names);
    }
    return shared;
  }

  antiAffinityClusters(binding: Binding): ReadonlySet<string> {
    const peers = this.peers(binding, 'antiAffinityGroup');
    if (peers.length === 0) return NONE;
    return new Set(peers.flatMap((peer) => this.targets(peer).map((t) => t.name)));
  }

  leavingClusters(binding: Binding): ReadonlySet<string> {
    const all = [binding, ...this.peers(binding, 'affinityGroup')];
    const names = all.flatMap((b) => (b.spec.evictionTasks ?? []).map((t) => t.fromCluster));
    return names.length === 0 ? NONE : new Set(names);
  }

  private targets(peer: Binding): readonly TargetCluster[] {
    return peer.spec.clusters ?? [];
  }

  /** The peer as last decided: the scheduler's placement while the informer still has the version it was made for. */
  private current(key: string, peer: Binding): Binding {
    const assumed = this.assumed.get(key);
    if (!assumed || assumed.resourceVersion !== peer.metadata.resourceVersion) return peer;
    return { ...peer, spec: { ...peer.spec, clusters: assumed.clusters } };
  }

  private peers(binding: Binding, kind: Kind): Binding[] {
    const group = groupKey(binding, kind);
    if (group === undefined) return [];
    const self = objectKey(binding.metadata);
    const members = this.members[kind].get(group);
    if (!members) return [];
    return [...members.entries()]
      .filter(([key]) => key !== self)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, peer]) => this.current(key, peer));
  }

  private set(binding: Binding): void {
    const key = objectKey(binding.metadata);
    const assumed = this.assumed.get(key);
    if (assumed && assumed.resourceVersion !== binding.metadata.resourceVersion)
      this.assumed.delete(key);
    for (const kind of ['affinityGroup', 'antiAffinityGroup'] as const) {
      const group = groupKey(binding, kind);
      if (group === undefined) continue;
      let members = this.members[kind].get(group);
      if (!members) {
        members = new Map();
        this.members[kind].set(group, members);
      }
      members.set(key, binding);
    }
  }

  private unset(binding: Binding): void {
    const key = objectKey(binding.metadata);
    for (const kind of ['affinityGroup', 'antiAffinityGroup'] as const) {
      const group = groupKey(binding, kind);
      if (group === undefined) continue;
      const members = this.members[kind].get(group);
      members?.delete(key);
      if (members?.size === 0) this.members[kind].delete(group);
    }
  }
}
