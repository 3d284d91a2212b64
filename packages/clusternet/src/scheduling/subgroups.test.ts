import type { Binding } from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { SUBGROUP_MIN_CLUSTERS_ANNOTATION, subgroupMinClusters } from './subgroups';

function binding(annotation?: string, minClusters?: number): Binding {
  const base = makeBinding('s', {
    placement: {
      clusterAffinity: [{}, {}],
      replicaScheduling: { type: 'Duplicated' },
      ...(minClusters === undefined ? {} : { minClusters }),
    },
  });
  return annotation === undefined
    ? base
    : {
        ...base,
        metadata: {
          ...base.metadata,
          annotations: { [SUBGROUP_MIN_CLUSTERS_ANNOTATION]: annotation },
        },
      };
}

describe('subgroupMinClusters', () => {
  it.each([
    {
      name: 'reads one count per subscriber from the annotation',
      b: binding('[2,1]'),
      want: [2, 1],
    },
    {
      name: "falls back to core's minClusters for every subscriber",
      b: binding(undefined, 3),
      want: [3, 3],
    },
    { name: 'is undefined for a binding not scheduled by subgroup', b: binding(), want: undefined },
  ])('$name', ({ b, want }) => {
    expect(subgroupMinClusters(b)).toEqual(want);
  });

  it('refuses an annotation that does not line up with the subscribers', () => {
    expect(() => subgroupMinClusters(binding('[1]'))).toThrow(
      'must list one non-negative integer per subscriber (2), got [1]',
    );
  });
});
