import { parseResourceList, type Binding, type Placement, type ResourceList } from '@lifeboat/core';
import type { SeededRandom } from './seeded-random';

/** Three replica sizes, as a fleet has a few standard request shapes. */
export const REQUESTS: readonly ResourceList[] = [
  parseResourceList({ cpu: '250m', memory: '256Mi' }),
  parseResourceList({ cpu: '1', memory: '2Gi' }),
  parseResourceList({ cpu: '4', memory: '8Gi' }),
];

/** Options of {@link syntheticBindings}. */
export interface BindingOptions {
  readonly count: number;
  readonly policies: readonly Placement[];
  /** Every binding's replicas add up to exactly this (default: 5 per binding on average). */
  readonly totalReplicas?: number;
}

/**
 * `count` unscheduled Deployment bindings, each sharing one of `policies` (a policy object is
 * shared by reference, as bindings made from one propagation policy are), with 1–9 replicas
 * summing to `totalReplicas` and one of three request sizes.
 */
export function syntheticBindings(options: BindingOptions, random: SeededRandom): Binding[] {
  const total = options.totalReplicas ?? options.count * 5;
  const replicas = Array.from({ length: options.count }, () => random.int(1, 9));
  // Nudge counts (staying within 1..9) until they add up to the total exactly.
  let sum = replicas.reduce((s, r) => s + r, 0);
  for (let i = 0; sum !== total && i < options.count * 10; i++) {
    const at = i % options.count;
    const current = replicas[at] as number;
    if (sum < total && current < 9) {
      replicas[at] = current + 1;
      sum++;
    } else if (sum > total && current > 1) {
      replicas[at] = current - 1;
      sum--;
    }
  }
  const bindings: Binding[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = `app-${String(i).padStart(6, '0')}`;
    const namespace = `ns-${i % 50}`;
    bindings.push({
      kind: 'Binding',
      metadata: {
        name,
        namespace,
        uid: `${namespace}-${name}`,
        generation: 1,
        creationTimestamp: 0,
      },
      spec: {
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name },
        replicas: replicas[i] as number,
        replicaRequirements: { resourceRequest: random.pick(REQUESTS) },
        placement: random.pick(options.policies),
      },
    });
  }
  return bindings;
}
