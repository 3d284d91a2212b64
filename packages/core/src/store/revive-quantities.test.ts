import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { Quantity } from '../model/quantity';
import { RESOURCE_LIST_PATHS, reviveQuantities } from './revive-quantities';

type Json = Record<string, unknown>;
const viaJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

function at(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, segment) => (node as Json | undefined)?.[segment], root);
}

const cluster: Cluster = {
  metadata: { name: 'm1' },
  spec: {},
  status: {
    capacity: { cpu: Quantity.parse('8'), memory: Quantity.parse('32Gi') },
    allocatable: { cpu: Quantity.parse('7500m') },
    allocated: { pods: Quantity.fromUnits(3) },
  },
};
const binding: Binding = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    replicas: 2,
    placement: { replicaScheduling: { type: 'Duplicated' } },
    replicaRequirements: { resourceRequest: { cpu: Quantity.parse('250m') } },
  },
};

describe('reviveQuantities', () => {
  it.each([
    ['Cluster', cluster],
    ['Binding', binding],
  ] as const)(
    'turns every ResourceList of a %s back into equal Quantity values after a JSON round trip',
    (kind, object) => {
      const json = viaJson(object);
      reviveQuantities(kind, json);
      expect(RESOURCE_LIST_PATHS[kind].length).toBeGreaterThan(0);
      for (const path of RESOURCE_LIST_PATHS[kind]) {
        const before = at(object, path) as Record<string, Quantity>;
        const after = at(json, path) as Record<string, Quantity>;
        expect(Object.keys(after)).toEqual(Object.keys(before));
        for (const [name, quantity] of Object.entries(before)) {
          expect(after[name]).toBeInstanceOf(Quantity);
          expect(after[name]?.cmp(quantity)).toBe(0);
          expect(String(after[name])).toBe(String(quantity));
        }
      }
    },
  );

  it('leaves an object without ResourceLists as it was', () => {
    const json = viaJson({ ...binding, spec: { ...binding.spec, replicaRequirements: undefined } });
    const copy = structuredClone(json);
    reviveQuantities('Binding', json);
    expect(json).toEqual(copy);
  });

  it.each([
    [{ cpu: true }, 'status.capacity.cpu is not a quantity'],
    [{ memory: 'lots' }, 'invalid quantity "lots"'],
  ])('refuses a value that is not a quantity (%j), naming where it is', (capacity, message) => {
    const json = viaJson({ ...cluster, status: { capacity } });
    expect(() => reviveQuantities('Cluster', json)).toThrow(message);
  });
});
