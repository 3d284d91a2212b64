/** A group of workloads named by one label key of their resource templates. @public */
export interface WorkloadAffinityTerm {
  /**
   * The label key whose value names the group: workloads of one namespace with the same value
   * under this key are one group.
   */
  readonly groupByLabelKey: string;
}

/**
 * Inter-workload rules (Karmada `placement.workloadAffinity`), both hard: `affinity` keeps the
 * workloads of a group on the same clusters (the first one to be placed is not held back),
 * `antiAffinity` keeps the workloads of a group off each other's clusters.
 * @public
 */
export interface WorkloadAffinity {
  readonly affinity?: WorkloadAffinityTerm;
  readonly antiAffinity?: WorkloadAffinityTerm;
}

/**
 * The groups a binding belongs to, instantiated from its placement's {@link WorkloadAffinity}
 * and its workload's labels, each written `key=value` (Karmada `spec.workloadAffinityGroups`).
 * Groups are scoped to the binding's namespace.
 * @public
 */
export interface WorkloadAffinityGroups {
  readonly affinityGroup?: string;
  readonly antiAffinityGroup?: string;
}

function groupOf(
  term: WorkloadAffinityTerm | undefined,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  if (!term) return undefined;
  const value = labels[term.groupByLabelKey];
  return value === undefined ? undefined : `${term.groupByLabelKey}=${value}`;
}

/**
 * The groups a workload with these labels joins under `affinity` (Karmada's detector does this
 * when it creates the binding): none for a term whose label the workload does not carry.
 * Returns undefined when it joins none.
 * @public
 */
export function instantiateAffinityGroups(
  affinity: WorkloadAffinity | undefined,
  labels: Readonly<Record<string, string>> = {},
): WorkloadAffinityGroups | undefined {
  const affinityGroup = groupOf(affinity?.affinity, labels);
  const antiAffinityGroup = groupOf(affinity?.antiAffinity, labels);
  if (affinityGroup === undefined && antiAffinityGroup === undefined) return undefined;
  return {
    ...(affinityGroup === undefined ? {} : { affinityGroup }),
    ...(antiAffinityGroup === undefined ? {} : { antiAffinityGroup }),
  };
}
