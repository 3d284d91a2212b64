import { Quantity, type ResourceList } from '@lifeboat/core';
import {
  locationFromNodes,
  resourceSummary,
  type NodeObject,
  type PodObject,
} from './resource-summary';

const node = (
  name: string,
  options: {
    ready?: string;
    unschedulable?: boolean;
    cpu?: string;
    region?: string;
    zone?: string;
  } = {},
): NodeObject => ({
  metadata: {
    name,
    labels: {
      ...(options.region ? { 'topology.kubernetes.io/region': options.region } : {}),
      ...(options.zone ? { 'topology.kubernetes.io/zone': options.zone } : {}),
    },
  },
  spec: { unschedulable: options.unschedulable ?? false },
  status: {
    capacity: { cpu: options.cpu ?? '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: options.cpu ?? '4', memory: '15Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: options.ready ?? 'True' }],
  },
});

const pod = (nodeName: string | undefined, phase: string, cpu = '1'): PodObject => ({
  spec: {
    ...(nodeName ? { nodeName } : {}),
    containers: [{ resources: { requests: { cpu, memory: '1Gi' } } }],
  },
  status: { phase },
});

const text = (list: ResourceList): Record<string, string> =>
  Object.fromEntries(Object.entries(list).map(([k, q]) => [k, q.toString()]));

describe('resourceSummary', () => {
  it('sums ready, schedulable nodes and what unfinished pods bound to them request', () => {
    const summary = resourceSummary(
      [
        node('a'),
        node('b', { cpu: '8' }),
        node('cordoned', { unschedulable: true }),
        node('down', { ready: 'False' }),
        node('lost', { ready: 'Unknown' }),
      ],
      [
        pod('a', 'Running'),
        pod('b', 'Pending', '500m'),
        pod('a', 'Succeeded'),
        pod('b', 'Failed'),
        pod(undefined, 'Pending'), // not scheduled yet: on no node
        pod('down', 'Running'), // its node counts for nothing, so does the pod
      ],
    );
    expect(summary.nodes).toEqual({ total: 5, ready: 2 });
    expect(summary.allocatable.cpu?.cmp(Quantity.parse('12'))).toBe(0);
    expect(summary.allocatable.memory?.cmp(Quantity.parse('30Gi'))).toBe(0);
    expect(summary.capacity.memory?.cmp(Quantity.parse('32Gi'))).toBe(0);
    expect(summary.allocated.cpu?.cmp(Quantity.parse('1500m'))).toBe(0);
    expect(summary.allocated.memory?.cmp(Quantity.parse('2Gi'))).toBe(0);
    expect(summary.allocated.pods?.cmp(Quantity.fromUnits(2))).toBe(0);
  });

  it('is empty, not unknown, for a member whose nodes are all down', () => {
    const summary = resourceSummary([node('down', { ready: 'False' })], [pod('down', 'Running')]);
    expect(text(summary.allocatable)).toEqual({});
    expect(summary.allocated.pods?.cmp(Quantity.zero)).toBe(0);
  });
});

describe('locationFromNodes', () => {
  it('takes the region most nodes name and every zone', () => {
    expect(
      locationFromNodes([
        node('a', { region: 'eu-west', zone: 'eu-west-2' }),
        node('b', { region: 'eu-west', zone: 'eu-west-1' }),
        node('c', { region: 'us-east', zone: 'us-east-1' }),
        node('d'),
      ]),
    ).toEqual({ region: 'eu-west', zones: ['eu-west-1', 'eu-west-2', 'us-east-1'] });
    expect(locationFromNodes([node('a')])).toEqual({});
    expect(locationFromNodes([node('a', { region: 'z' }), node('b', { region: 'y' })])).toEqual({
      region: 'y',
    });
  });
});
