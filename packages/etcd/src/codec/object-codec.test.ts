import { Quantity, type Binding, type Cluster, type Lease } from '@lifeboat/core';
import { decodeObject, encodeObject } from './object-codec';

describe('object codec', () => {
  it('drops resourceVersion from the stored bytes and sets it from the key revision on read', () => {
    const lease: Lease = {
      metadata: { name: 'm1', namespace: 'karmada-cluster', resourceVersion: '7' },
      spec: { leaseDurationSeconds: 40, renewTime: 123 },
    };
    const bytes = encodeObject<'Lease'>(lease);
    expect(JSON.parse(bytes).metadata).toEqual({ name: 'm1', namespace: 'karmada-cluster' });
    expect(decodeObject('Lease', bytes, '42')).toEqual({
      ...lease,
      metadata: { ...lease.metadata, resourceVersion: '42' },
    });
  });

  it.each([
    [
      'status.capacity',
      { status: { capacity: { cpu: Quantity.parse('8'), memory: Quantity.parse('32Gi') } } },
    ],
    ['status.allocatable', { status: { allocatable: { cpu: Quantity.parse('7500m') } } }],
    ['status.allocated', { status: { allocated: { pods: Quantity.fromUnits(3) } } }],
  ])('revives Quantity values in a Cluster %s', (_path, part) => {
    const cluster: Cluster = { metadata: { name: 'm1' }, spec: {}, ...part };
    const decoded = decodeObject('Cluster', encodeObject<'Cluster'>(cluster), '1');
    for (const [field, list] of Object.entries(part.status)) {
      for (const [name, quantity] of Object.entries(list as Record<string, Quantity>)) {
        const revived = (decoded.status as Record<string, Record<string, Quantity>>)[field]?.[name];
        expect(revived).toBeInstanceOf(Quantity);
        expect(revived?.cmp(quantity)).toBe(0);
        expect(String(revived)).toBe(String(quantity));
      }
    }
  });

  it('revives the resource request of a Binding and leaves bindings without one alone', () => {
    const placement = { replicaScheduling: { type: 'Duplicated' as const } };
    const resource = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
    const withRequest: Binding = {
      metadata: { name: 'web' },
      spec: {
        resource,
        replicas: 2,
        placement,
        replicaRequirements: { resourceRequest: { cpu: Quantity.parse('250m') } },
      },
    };
    const decoded = decodeObject('Binding', encodeObject<'Binding'>(withRequest), '3');
    expect(decoded.spec.replicaRequirements?.resourceRequest['cpu']?.milliValue()).toBe(250n);
    const without: Binding = {
      metadata: { name: 'web' },
      spec: { resource, replicas: 2, placement },
    };
    expect(decodeObject('Binding', encodeObject<'Binding'>(without), '3').spec).toEqual(
      without.spec,
    );
  });

  it('freezes the decoded graph', () => {
    const decoded = decodeObject(
      'Cluster',
      encodeObject<'Cluster'>({
        metadata: { name: 'm1' },
        spec: { zones: ['a'] },
        status: { capacity: { cpu: Quantity.parse('1') } },
      }),
      '1',
    );
    expect(Object.isFrozen(decoded)).toBe(true);
    expect(Object.isFrozen(decoded.spec.zones)).toBe(true);
    expect(Object.isFrozen(decoded.status?.capacity)).toBe(true);
  });

  it('rejects a stored resource list entry that is not a quantity, naming its path', () => {
    const bytes = JSON.stringify({
      metadata: { name: 'm1' },
      spec: {},
      status: { capacity: { cpu: { bad: true } } },
    });
    expect(() => decodeObject('Cluster', bytes, '1')).toThrow(
      'stored status.capacity.cpu is not a quantity: {"bad":true}',
    );
  });
});
