import { Quantity, parseResourceList } from '@lifeboat/core';
import { computeAcceptableReplicas, type PredictorNode } from './compute-replicas';

function node(
  name: string,
  allocatable: Record<string, string>,
  requested: Record<string, string> = {},
  podCount = 0,
): PredictorNode {
  return {
    name,
    allocatable: parseResourceList(allocatable),
    requested: parseResourceList(requested),
    podCount,
  };
}

const oneReplica = { resources: { requests: { cpu: '500m', memory: '256Mi' } } };

describe('computeAcceptableReplicas', () => {
  it.each([
    {
      name: 'pod slots cap a node that has resources to spare',
      nodes: [node('n', { cpu: '100', pods: '5' }, {}, 3)],
      requirements: { resources: { requests: { cpu: '1' } } },
      want: 2,
    },
    {
      name: 'limits stand in for missing requests',
      nodes: [node('n', { cpu: '4', memory: '1Gi' })],
      requirements: { resources: { requests: { cpu: '1' }, limits: { memory: '512Mi' } } },
      want: 2,
    },
    {
      name: 'nodes outside the node selector do not count',
      nodes: [{ ...node('a', { cpu: '4' }), labels: { disk: 'ssd' } }, node('b', { cpu: '4' })],
      requirements: { nodeSelector: { disk: 'ssd' }, resources: { requests: { cpu: '1' } } },
      want: 4,
    },
    {
      name: 'a tolerated taint keeps the node feasible',
      nodes: [
        { ...node('a', { cpu: '2' }), taints: [{ key: 'gpu', effect: 'NoSchedule' as const }] },
      ],
      requirements: {
        tolerations: [{ key: 'gpu', operator: 'Exists' as const }],
        resources: { requests: { cpu: '1' } },
      },
      want: 2,
    },
    {
      name: 'a node already full holds none',
      nodes: [node('a', { cpu: '2' }, { cpu: '2' }), node('b', { cpu: '1' })],
      requirements: { resources: { requests: { cpu: '1' } } },
      want: 1,
    },
  ])('$name', ({ nodes: input, requirements, want }) => {
    expect(computeAcceptableReplicas(input, requirements)).toBe(want);
  });

  it('refuses when no node is feasible', () => {
    expect(() => computeAcceptableReplicas([], oneReplica)).toThrow('0 nodes are feasible');
  });

  it('keeps exact quantities for fractional requests', () => {
    expect(
      computeAcceptableReplicas([node('n', { cpu: '1' })], {
        resources: { requests: { cpu: Quantity.fromMilli(333).toString() } },
      }),
    ).toBe(3);
  });
});
