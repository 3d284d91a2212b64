import { Quantity, addResources, type ResourceList } from '@lifeboat/core';

/** The parts of a container that request resources. @public */
export interface ContainerResources {
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string | number>>;
    readonly limits?: Readonly<Record<string, string | number>>;
  };
}

/** The parts of a pod spec that request resources. @public */
export interface PodResources {
  readonly containers?: readonly ContainerResources[];
  readonly initContainers?: readonly ContainerResources[];
  readonly overhead?: Readonly<Record<string, string | number>>;
}

/**
 * What one pod requests, as kube-scheduler counts it: the sum over its containers, or the largest
 * init container where that is more (init containers run one at a time, before the others), plus
 * the pod overhead. A container that sets a limit but no request requests its limit, as the API
 * server defaults it. Quantities that do not parse are left out (the member's API server would
 * have refused them).
 * @public
 */
export function podRequests(spec: PodResources): ResourceList {
  let sum: ResourceList = {};
  for (const container of spec.containers ?? [])
    sum = addResources(sum, containerRequests(container));
  const out: Record<string, Quantity> = { ...sum };
  for (const container of spec.initContainers ?? [])
    for (const [name, q] of Object.entries(containerRequests(container))) {
      const have = out[name];
      if (!have || q.cmp(have) > 0) out[name] = q;
    }
  return addResources(out, quantities(spec.overhead));
}

function containerRequests(container: ContainerResources): ResourceList {
  const limits = quantities(container.resources?.limits);
  return { ...limits, ...quantities(container.resources?.requests) };
}

/** A resource list from its API form; quantities that do not parse are left out. @public */
export function quantities(
  list: Readonly<Record<string, string | number>> | undefined,
): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [name, raw] of Object.entries(list ?? {})) {
    try {
      out[name] = Quantity.parse(raw);
    } catch {
      // Not a quantity: nothing to count.
    }
  }
  return out;
}
