import { CycleState, Status } from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { DefaultBinder } from './default-binder';

describe('DefaultBinder', () => {
  it('sorts the bound clusters by name and leaves out divided clusters with no replicas', () => {
    const binding = makeBinding('s', {
      placement: {
        replicaScheduling: { type: 'Divided', division: 'StaticWeight', staticWeightList: [] },
      },
    });
    const result = new DefaultBinder().bind(new CycleState(), binding, [
      { name: 'c', replicas: 2 },
      { name: 'a', replicas: 0 },
      { name: 'b', replicas: 1 },
    ]);
    expect(result).toEqual({
      status: Status.success,
      clusters: [
        { name: 'b', replicas: 1 },
        { name: 'c', replicas: 2 },
      ],
    });
  });

  it('keeps every replicated cluster, sorted', () => {
    const result = new DefaultBinder().bind(new CycleState(), makeBinding('r', { replicas: 2 }), [
      { name: 'z', replicas: 2 },
      { name: 'm', replicas: 2 },
    ]);
    expect(result.clusters?.map((t) => t.name)).toEqual(['m', 'z']);
  });
});
