import {
  Quantity,
  ResourceName,
  addResources,
  parseResourceList,
  scaleResources,
  subtractResources,
  type ResourceList,
} from '@lifeboat/core';
import type { SimulationReport } from '../report/simulation-report';
import type { Scenario } from '../scenario/scenario-schema';
import type {
  ResourceAmounts,
  WhatIfAnswer,
  WhatIfCluster,
  WhatIfWorkload,
} from './what-if-answer';

const byKey = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Quantities as numbers in their base unit (cores, bytes, pods). */
function amounts(list: ResourceList): ResourceAmounts {
  return byKey(Object.entries(list).map(([name, q]) => [name, Number(q.milliValue()) / 1000]));
}

/** What the replicas running on each cluster at the end request, as the virtual fleet counts it. */
function requestedPerCluster(
  scenario: Scenario,
  report: SimulationReport,
): Map<string, ResourceList> {
  const requested = new Map<string, ResourceList>();
  for (const w of scenario.spec.workloads) {
    const series = report.workloads[`${w.namespace}/${w.name}`]?.series ?? [];
    const running = series[series.length - 1]?.replicas ?? {};
    const perReplica = w.resources ? parseResourceList(w.resources) : {};
    for (const [cluster, pods] of Object.entries(running)) {
      // Every replica takes one pod slot, whatever it requests.
      const request = {
        ...scaleResources(perReplica, pods),
        [ResourceName.pods]: Quantity.fromUnits(pods),
      };
      requested.set(cluster, addResources(requested.get(cluster) ?? {}, request));
    }
  }
  return requested;
}

function clusterOutcome(
  cluster: Scenario['spec']['clusters'][number],
  failed: boolean,
  requested: ResourceList,
): WhatIfCluster {
  const capacity = cluster.capacity ? parseResourceList(cluster.capacity) : {};
  return {
    failed,
    ...(cluster.region ? { region: cluster.region } : {}),
    capacity: amounts(capacity),
    requested: amounts(requested),
    headroom: failed ? null : amounts(subtractResources(capacity, requested)),
  };
}

/**
 * Reads a what-if's answer off the end state of its simulation: each workload's placement,
 * readiness and scheduling state at `report.duration`, and each cluster's headroom left by the
 * replicas running there.
 * @public
 */
export function answerFromReport(
  scenario: Scenario,
  report: SimulationReport,
  failed: readonly string[],
  failedAt: number,
): WhatIfAnswer {
  const until = report.duration;
  const changes = report.timeline.filter((e) => e.type !== 'FaultInjected' && e.t >= failedAt);
  const lastChangeAt = changes.reduce((last, e) => Math.max(last, e.t), failedAt);
  const workloads = byKey(
    Object.entries(report.workloads).map(([key, w]): [string, WhatIfWorkload] => [
      key,
      {
        desired: w.desired,
        placement: w.placement,
        ready: w.readyReplicas,
        unschedulable: w.unschedulable,
        shortBy: Math.max(0, w.desired - w.readyReplicas),
      },
    ]),
  );
  const requested = requestedPerCluster(scenario, report);
  const clusters = byKey(
    scenario.spec.clusters.map((c): [string, WhatIfCluster] => [
      c.name,
      clusterOutcome(c, failed.includes(c.name), requested.get(c.name) ?? {}),
    ]),
  );
  return {
    scenario: report.scenario,
    flavor: report.flavor,
    seed: report.seed,
    failed: [...failed].sort(),
    failedAt,
    until,
    lastChangeAt,
    settled: lastChangeAt <= failedAt + (until - failedAt) / 2,
    workloads,
    clusters,
  };
}
