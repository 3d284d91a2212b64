import {
  READY_CONDITION,
  desiredReplicasPerCluster,
  findCondition,
  formatTaint,
  objectKey,
  type Binding,
  type Cluster,
  type Lease,
} from '@lifeboat/core';

/** One cluster as `lifeboat status` shows it. */
export interface ClusterRow {
  readonly name: string;
  readonly ready: string;
  readonly reason: string;
  /** `key:Effect`, sorted. */
  readonly taints: readonly string[];
  readonly endpoint: string;
  /** ms since the last heartbeat, when there was one. */
  readonly heartbeatAgeMs?: number;
}

/** One binding as `lifeboat status` shows it. */
export interface BindingRow {
  readonly key: string;
  readonly desired: number;
  /** Target clusters and their replicas (`spec.clusters`). */
  readonly placement: Readonly<Record<string, number>>;
  /** Ready replicas the members report for the clusters that should run some. */
  readonly ready: number;
  readonly evictionTasks: readonly {
    readonly fromCluster: string;
    readonly purgeMode: string;
    readonly reason: string;
    readonly ageMs: number;
  }[];
}

/** A stored value that is not a valid object, left out of the view. */
export interface SkippedRecord {
  readonly key: string;
  readonly reason: string;
}

/** The fleet as `lifeboat status` shows it. */
export interface StatusView {
  readonly controller?: { readonly holder: string; readonly renewedAgoMs?: number };
  readonly clusters: readonly ClusterRow[];
  readonly bindings: readonly BindingRow[];
  readonly skipped: readonly SkippedRecord[];
}

/**
 * Builds the view from stored objects at time `now`. A binding's READY counts only what members
 * report for clusters that are Ready now and should run some of it: a dead member's last report
 * is not a running replica.
 */
export function statusView(
  clusters: readonly Cluster[],
  bindings: readonly Binding[],
  leader: Lease | undefined,
  now: number,
  skipped: readonly SkippedRecord[] = [],
): StatusView {
  const live = new Set(
    clusters
      .filter((c) => findCondition(c.status?.conditions, READY_CONDITION)?.status === 'True')
      .map((c) => c.metadata.name),
  );
  return {
    ...(leader?.spec.holderIdentity
      ? {
          controller: {
            holder: leader.spec.holderIdentity,
            ...(leader.spec.renewTime === undefined
              ? {}
              : { renewedAgoMs: now - leader.spec.renewTime }),
          },
        }
      : {}),
    clusters: clusters.map((c) => {
      const ready = findCondition(c.status?.conditions, READY_CONDITION);
      const beat = c.status?.lastHeartbeatTime;
      return {
        name: c.metadata.name,
        ready: ready?.status ?? 'Unknown',
        reason: ready?.reason ?? '',
        taints: (c.spec.taints ?? []).map(formatTaint).sort(),
        endpoint: c.spec.apiEndpoint ?? '',
        ...(beat === undefined ? {} : { heartbeatAgeMs: now - beat }),
      };
    }),
    bindings: bindings.map((b) => {
      const desired = desiredReplicasPerCluster(b);
      const ready = (b.status?.aggregatedStatus ?? [])
        .filter((s) => live.has(s.clusterName) && (desired.get(s.clusterName) ?? 0) > 0)
        .reduce((sum, s) => sum + s.readyReplicas, 0);
      return {
        key: objectKey(b.metadata),
        desired: b.spec.replicas,
        placement: Object.fromEntries(
          (b.spec.clusters ?? []).filter((t) => t.replicas > 0).map((t) => [t.name, t.replicas]),
        ),
        ready,
        evictionTasks: (b.spec.evictionTasks ?? []).map((t) => ({
          fromCluster: t.fromCluster,
          purgeMode: t.purgeMode,
          reason: t.reason,
          ageMs: now - t.creationTimestamp,
        })),
      };
    }),
    skipped,
  };
}

/** The view as aligned text tables. */
export function renderStatus(view: StatusView): string {
  const lines: string[] = [];
  lines.push(
    view.controller
      ? `Active controller: ${view.controller.holder}${view.controller.renewedAgoMs === undefined ? '' : ` (record renewed ${ago(view.controller.renewedAgoMs)} ago)`}`
      : 'Active controller: none',
  );
  lines.push('', 'Clusters');
  lines.push(
    ...table(
      ['CLUSTER', 'READY', 'REASON', 'TAINTS', 'ENDPOINT', 'HEARTBEAT'],
      view.clusters.map((c) => [
        c.name,
        c.ready,
        c.reason || '-',
        c.taints.join(',') || '-',
        c.endpoint || '-',
        c.heartbeatAgeMs === undefined ? '-' : `${ago(c.heartbeatAgeMs)} ago`,
      ]),
    ),
  );
  lines.push('', 'Bindings');
  lines.push(
    ...table(
      ['BINDING', 'DESIRED', 'PLACEMENT', 'READY', 'EVICTION TASKS'],
      view.bindings.map((b) => [
        b.key,
        String(b.desired),
        Object.entries(b.placement)
          .map(([c, n]) => `${c}=${n}`)
          .join(',') || '-',
        `${b.ready}/${b.desired}`,
        b.evictionTasks
          .map((t) => `${t.fromCluster} (${t.purgeMode}, ${t.reason}, ${ago(t.ageMs)})`)
          .join('; ') || '-',
      ]),
    ),
  );
  if (view.skipped.length > 0) {
    lines.push('', 'Skipped (not valid objects; fix or delete these keys)');
    lines.push(
      ...table(
        ['KEY', 'PROBLEM'],
        view.skipped.map((s) => [s.key, s.reason]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}s` : `${Math.round(s / 60)}m`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return ['(none)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
