import { instantiateAffinityGroups, parseResourceList, type Binding } from '@lifeboat/core';
import type { FlavorWorkload } from '../flavor/simulation-flavor';
import type { ScenarioWorkload } from './scenario-schema';

/**
 * The Binding a scenario workload becomes once its flavour shape is parsed: the workload
 * reference, labels, replicas, the per-replica request, the flavour's placement, failover and
 * annotations (plus any `annotations` given here), and the workload groups it joins (the
 * shape's own, else those its placement's `workloadAffinity` makes of its labels). Shared by
 * the simulator and `lifeboat apply`.
 * @public
 */
export function workloadBinding(
  workload: Pick<
    ScenarioWorkload,
    'name' | 'namespace' | 'kind' | 'replicas' | 'resources' | 'labels'
  >,
  shape: FlavorWorkload,
  metadata: {
    readonly creationTimestamp?: number;
    readonly annotations?: Readonly<Record<string, string>>;
  } = {},
): Binding {
  const annotations = { ...shape.annotations, ...metadata.annotations };
  const groups =
    shape.workloadAffinityGroups ??
    instantiateAffinityGroups(shape.placement.workloadAffinity, workload.labels);
  return {
    kind: 'Binding',
    metadata: {
      name: workload.name,
      namespace: workload.namespace,
      ...(workload.labels && Object.keys(workload.labels).length > 0
        ? { labels: workload.labels }
        : {}),
      ...(metadata.creationTimestamp === undefined
        ? {}
        : { creationTimestamp: metadata.creationTimestamp }),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      resource: {
        apiVersion: 'apps/v1',
        kind: workload.kind,
        namespace: workload.namespace,
        name: workload.name,
      },
      replicas: workload.replicas,
      ...(workload.resources
        ? { replicaRequirements: { resourceRequest: parseResourceList(workload.resources) } }
        : {}),
      placement: shape.placement,
      ...(shape.failover ? { failover: shape.failover } : {}),
      ...(groups ? { workloadAffinityGroups: groups } : {}),
    },
  };
}
