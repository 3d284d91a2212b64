import type { DisruptionScope, EvictionGuard, GuardTransition } from '../contracts/eviction-guard';
import { clusterReadyStatus, type Cluster } from '../model/cluster';
import { READY_CONDITION, findCondition } from '../model/condition';

/** Kubernetes' `--unhealthy-zone-threshold` default, the guard's default threshold. @public */
export const DEFAULT_UNHEALTHY_CLUSTER_THRESHOLD = 0.55;

/** Fewer not-Ready clusters than this never pause evictions (Kubernetes' "minimum 3"). @public */
export const MIN_UNHEALTHY_CLUSTERS = 3;

/** Settings of {@link MassFailureGuard}. @public */
export interface MassFailureGuardOptions {
  /** Fraction (`0 < f ≤ 1`) of a scope's clusters not Ready at which its evictions pause. */
  readonly unhealthyClusterThreshold: number;
  /** How long evictions still wait once they resume (the flavour's detection time); default 0. */
  readonly resumeGraceMs?: number;
}

interface Counts {
  notReady: number;
  clusters: number;
  ready: number;
}

const FLEET: DisruptionScope = Object.freeze({ kind: 'Fleet' });

function describe(scope: DisruptionScope): string {
  return scope.kind === 'Fleet' ? 'the fleet' : `region ${scope.name}`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Heartbeats an agent may miss before its cluster counts as not Ready here (before the detector says so). @public */
export const SILENT_HEARTBEATS = 2;

/**
 * Whether the cluster counts as not Ready: its Ready condition is `False` or `Unknown`, or its
 * agent, which promised a heartbeat every `heartbeatFrequencySeconds`, has been silent for more
 * than {@link SILENT_HEARTBEATS} of them. Agents report in their own phase, so clusters that fail
 * together are declared up to one heartbeat apart; silence counts them together from the first.
 */
function notReady(cluster: Cluster, now: number): boolean {
  if (clusterReadyStatus(cluster) !== 'True') return true;
  const { lastHeartbeatTime, heartbeatFrequencySeconds } = cluster.status ?? {};
  return (
    lastHeartbeatTime !== undefined &&
    heartbeatFrequencySeconds !== undefined &&
    heartbeatFrequencySeconds > 0 &&
    now - lastHeartbeatTime > SILENT_HEARTBEATS * heartbeatFrequencySeconds * 1000
  );
}

/**
 * Kubernetes' zone-disruption rule for clusters: when at least 3 clusters and at least
 * `unhealthyClusterThreshold` of the fleet are not Ready (`False` or `Unknown`, or an agent
 * silent for more than 2 heartbeats), no new eviction starts anywhere; the same within a region (clusters carrying `spec.region`) when the region is
 * partly down, while a region with no Ready cluster left is a real regional outage and is
 * evacuated as usual (the node lifecycle controller's `FullDisruption`), unless the fleet as a
 * whole is over the threshold. Clusters not yet judged (no Ready condition) count as clusters
 * but not as not Ready. Plain and deterministic: the same clusters give the same verdicts.
 * @public
 */
export class MassFailureGuard implements EvictionGuard {
  private readonly threshold: number;
  readonly resumeGraceMs: number;
  /** Paused scopes by key (`''` for the fleet, else the region), with their message. */
  private readonly paused = new Map<string, string>();

  constructor(options: MassFailureGuardOptions) {
    const threshold = options.unhealthyClusterThreshold;
    if (!(threshold > 0 && threshold <= 1))
      throw new RangeError(`unhealthyClusterThreshold must be in (0, 1], got ${threshold}`);
    this.threshold = threshold;
    this.resumeGraceMs = Math.max(0, options.resumeGraceMs ?? 0);
  }

  assess(clusters: readonly Cluster[], now: number): readonly GuardTransition[] {
    const fleet: Counts = { notReady: 0, clusters: 0, ready: 0 };
    const regions = new Map<string, Counts>();
    for (const cluster of clusters) {
      const region = cluster.spec.region;
      let counts: Counts | undefined;
      if (region !== undefined) {
        counts = regions.get(region);
        if (!counts) {
          counts = { notReady: 0, clusters: 0, ready: 0 };
          regions.set(region, counts);
        }
      }
      for (const c of counts ? [fleet, counts] : [fleet]) {
        c.clusters++;
        if (!findCondition(cluster.status?.conditions, READY_CONDITION)) continue;
        if (notReady(cluster, now)) c.notReady++;
        else c.ready++;
      }
    }
    const transitions: GuardTransition[] = [];
    this.judge('', FLEET, fleet, false, transitions);
    const names = new Set([...regions.keys(), ...[...this.paused.keys()].filter((k) => k !== '')]);
    for (const name of [...names].sort()) {
      const counts = regions.get(name) ?? { notReady: 0, clusters: 0, ready: 0 };
      this.judge(name, { kind: 'Region', name }, counts, true, transitions);
    }
    return transitions;
  }

  holdReason(cluster: Cluster): string | undefined {
    const region = cluster.spec.region;
    return this.paused.get('') ?? (region !== undefined ? this.paused.get(region) : undefined);
  }

  private judge(
    key: string,
    scope: DisruptionScope,
    counts: Counts,
    region: boolean,
    transitions: GuardTransition[],
  ): void {
    const fraction = counts.clusters > 0 ? counts.notReady / counts.clusters : 0;
    const disrupted =
      counts.notReady >= MIN_UNHEALTHY_CLUSTERS &&
      fraction >= this.threshold &&
      // A region with nothing Ready left is a regional outage: evacuate it.
      !(region && counts.ready === 0);
    const was = this.paused.has(key);
    const figures = `${counts.notReady} of ${counts.clusters} clusters in ${describe(scope)} are not Ready (${percent(fraction)}`;
    if (disrupted && !was) {
      const message = `${figures}, threshold ${percent(this.threshold)}): no new evictions start there, the control plane more likely lost its own connectivity than the members failed`;
      this.paused.set(key, message);
      transitions.push({
        scope,
        paused: true,
        notReady: counts.notReady,
        clusters: counts.clusters,
        message,
      });
    } else if (!disrupted && was) {
      this.paused.delete(key);
      const message = `${figures}, threshold ${percent(this.threshold)}): evictions resume`;
      transitions.push({
        scope,
        paused: false,
        notReady: counts.notReady,
        clusters: counts.clusters,
        message,
      });
    }
  }
}
