import { FitError } from './fit-error';
import { Status } from './status';

describe('FitError', () => {
  it.each<{
    name: string;
    total: number;
    rejected: [string, Status][];
    reason?: string;
    want: string;
  }>([
    {
      name: 'counts reasons and sorts them',
      total: 3,
      rejected: [
        [
          'c',
          Status.unschedulable('did not match the placement cluster affinity').withPlugin(
            'ClusterAffinity',
          ),
        ],
        ['a', Status.unschedulable('had untolerated taint {k: v}').withPlugin('TaintToleration')],
        [
          'b',
          Status.unschedulable('did not match the placement cluster affinity').withPlugin(
            'ClusterAffinity',
          ),
        ],
      ],
      want: '0/3 clusters are available: 1 cluster(s) had untolerated taint {k: v}, 2 cluster(s) did not match the placement cluster affinity.',
    },
    {
      name: 'counts every reason of a cluster, and names the plugin when it gave none',
      total: 5,
      rejected: [
        ['d', Status.unschedulable('Insufficient cpu', 'Insufficient memory').withPlugin('Fit')],
        ['e', Status.unschedulable().withPlugin('Quiet')],
        ['f', Status.unschedulable('Insufficient cpu').withPlugin('Fit')],
      ],
      want: '2/5 clusters are available: 1 cluster(s) Insufficient memory, 1 cluster(s) rejected by Quiet, 2 cluster(s) Insufficient cpu.',
    },
    {
      name: 'appends a reason for the binding as a whole',
      total: 2,
      rejected: [['a', Status.unschedulable('is down').withPlugin('Health')]],
      reason: 'not enough capacity for 10 replicas',
      want: '1/2 clusters are available: 1 cluster(s) is down, not enough capacity for 10 replicas.',
    },
  ])('$name', ({ total, rejected, reason, want }) => {
    expect(new FitError(total, new Map(rejected), reason).message()).toBe(want);
  });

  it('lists every rejected cluster with its plugin and reasons, sorted by cluster', () => {
    const error = new FitError(
      3,
      new Map([
        ['b', Status.unresolvable('x', 'y').withPlugin('P2')],
        ['a', Status.unschedulable('z').withPlugin('P1')],
      ]),
    );
    expect(error.rejections).toEqual([
      { cluster: 'a', plugin: 'P1', reasons: ['z'] },
      { cluster: 'b', plugin: 'P2', reasons: ['x', 'y'] },
    ]);
    expect(error.totalClusters).toBe(3);
  });

  it('gives the same message whatever order the statuses arrive in', () => {
    const entries: [string, Status][] = [
      ['a', Status.unschedulable('r1').withPlugin('P')],
      ['b', Status.unschedulable('r2').withPlugin('P')],
      ['c', Status.unschedulable('r1').withPlugin('P')],
    ];
    const forward = new FitError(3, new Map(entries)).message();
    const backward = new FitError(3, new Map([...entries].reverse())).message();
    expect(backward).toBe(forward);
    expect(forward).toBe('0/3 clusters are available: 1 cluster(s) r2, 2 cluster(s) r1.');
  });
});
