import { Quantity, type Binding, type Cluster, type Lease } from '@lifeboat/core';
import { CorruptObjectError } from '../errors/corrupt-object-error';
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
      'not a valid Cluster: status.capacity.cpu: Invalid input',
    );
  });

  const binding = {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      replicas: 3,
      placement: { replicaScheduling: { type: 'Duplicated' } },
    },
  };

  it.each([
    ['text that is not JSON', 'not json {', /^\/k does not hold a valid Binding: not JSON \(/],
    ['a JSON number', '42', /valid Binding: Invalid input/],
    [
      'a binding without replicas',
      JSON.stringify({ ...binding, spec: { ...binding.spec, replicas: undefined } }),
      /spec\.replicas: /,
    ],
    [
      'negative replicas',
      JSON.stringify({ ...binding, spec: { ...binding.spec, replicas: -1 } }),
      /spec\.replicas: /,
    ],
    [
      'targets that are not a list',
      JSON.stringify({ ...binding, spec: { ...binding.spec, clusters: 'member1' } }),
      /spec\.clusters: /,
    ],
    [
      'a quantity that does not parse',
      JSON.stringify({
        ...binding,
        spec: { ...binding.spec, replicaRequirements: { resourceRequest: { cpu: 'lots' } } },
      }),
      /resourceRequest/,
    ],
  ])(
    'refuses %s with a CorruptObjectError naming the key and the field',
    (_case, value, message) => {
      let thrown: unknown;
      try {
        decodeObject('Binding', value, '1', '/k');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CorruptObjectError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as CorruptObjectError).storageKey).toBe('/k');
    },
  );

  it('keeps fields it does not know, so a newer writer passes through', () => {
    const value = JSON.stringify({ ...binding, spec: { ...binding.spec, futureField: { a: 1 } } });
    expect(decodeObject('Binding', value, '1').spec).toMatchObject({ futureField: { a: 1 } });
  });

  it('never repeats more than a short excerpt of a huge bad value', () => {
    const value = JSON.stringify({
      ...binding,
      metadata: { name: 'x'.repeat(100_000), labels: 7 },
    });
    let message = '';
    try {
      decodeObject('Binding', value, '1', '/k');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/metadata\.labels/);
    expect(message.length).toBeLessThan(400);
  });
});
