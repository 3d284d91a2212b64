import {
  AlreadyExistsError,
  retryOnConflict,
  type Cluster,
  type ClusterSpec,
  type StateStore,
} from '@lifeboat/core';
import type { MemberCluster } from './member-kubeconfig';
import type { MemberLocation } from './members-file';

/** Writers of the same Cluster race often (probes, capacity); a few more attempts than core's default. @public */
export const CLUSTER_WRITE_RETRY = {
  attempts: 8,
  alsoRetry: (error: unknown) => error instanceof AlreadyExistsError,
};

/**
 * Creates each member's Cluster in the store, or updates what the members file owns on it (the
 * API endpoint, location, provider, labels) and keeps what the controllers own (taints,
 * conditions, status). Members are probed (`syncMode: Push`): the controller reaches them.
 * A location the file leaves out is filled in later from the member's nodes.
 * @public
 */
export async function registerMembers(
  store: StateStore,
  members: readonly MemberCluster[],
): Promise<void> {
  for (const member of members)
    await retryOnConflict(async () => {
      const existing = await store.get('Cluster', member.name);
      const spec = memberSpec(member, existing?.spec);
      const labels = { ...member.location.labels };
      if (!existing) {
        await store.create('Cluster', {
          kind: 'Cluster',
          metadata: { name: member.name, labels },
          spec,
        });
        return;
      }
      if (JSON.stringify(spec) === JSON.stringify(existing.spec) && sameLabels(labels, existing))
        return;
      await store.update('Cluster', {
        ...existing,
        metadata: { ...existing.metadata, labels },
        spec,
      });
    }, CLUSTER_WRITE_RETRY);
}

/**
 * Writes a location read from a member's nodes for the fields its members file entry leaves out;
 * declared fields always win.
 * @public
 */
export async function updateMemberLocation(
  store: StateStore,
  member: MemberCluster,
  fromNodes: Pick<MemberLocation, 'region' | 'zones'>,
): Promise<void> {
  const region = member.location.region ?? fromNodes.region;
  const zones = member.location.zones ?? fromNodes.zones;
  await retryOnConflict(async () => {
    const existing = await store.get('Cluster', member.name);
    if (!existing) return;
    const { region: _region, zones: _zones, ...rest } = existing.spec;
    const spec: ClusterSpec = {
      ...rest,
      ...(region ? { region } : {}),
      ...(zones ? { zones } : {}),
    };
    if (JSON.stringify(spec) === JSON.stringify(existing.spec)) return;
    await store.update('Cluster', { ...existing, spec });
  }, CLUSTER_WRITE_RETRY);
}

function memberSpec(member: MemberCluster, existing: ClusterSpec | undefined): ClusterSpec {
  const { location } = member;
  return {
    syncMode: 'Push',
    apiEndpoint: member.server.origin + member.server.pathname.replace(/\/+$/, ''),
    // A location read from nodes earlier stays until the nodes say otherwise.
    ...((location.region ?? existing?.region)
      ? { region: location.region ?? existing?.region }
      : {}),
    ...((location.zones ?? existing?.zones) ? { zones: location.zones ?? existing?.zones } : {}),
    ...(location.provider ? { provider: location.provider } : {}),
    ...(existing?.taints ? { taints: existing.taints } : {}),
  };
}

function sameLabels(labels: Readonly<Record<string, string>>, cluster: Cluster): boolean {
  return JSON.stringify(labels) === JSON.stringify(cluster.metadata.labels ?? {});
}
