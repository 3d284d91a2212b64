import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import {
  assignedReplicas,
  evictingClusters,
  targetOf,
  type Binding,
  type EvictionTask,
} from './binding';
import { clusterReadyStatus } from './cluster';
import { objectKey } from './meta';

const task = (fromCluster: string): EvictionTask => ({
  fromCluster,
  purgeMode: 'Never',
  reason: 'r',
  producer: 'p',
  creationTimestamp: 0,
});
const withTasks = (b: Binding, tasks: EvictionTask[]): Binding => ({
  ...b,
  spec: { ...b.spec, evictionTasks: tasks },
});

describe('binding helpers', () => {
  it.each([
    { name: 'no targets place nothing', binding: makeBinding('foo'), want: 0 },
    {
      name: 'targets add up',
      binding: makeBinding('foo', {
        clusters: [
          { name: 'a', replicas: 2 },
          { name: 'b', replicas: 3 },
        ],
      }),
      want: 5,
    },
  ])('assignedReplicas: $name', ({ binding, want }) => {
    expect(assignedReplicas(binding)).toBe(want);
  });

  it('targetOf finds the target entry of a cluster', () => {
    const binding = makeBinding('foo', { clusters: [{ name: 'a', replicas: 2 }] });
    expect(targetOf(binding, 'a')).toEqual({ name: 'a', replicas: 2 });
    expect(targetOf(binding, 'b')).toBeUndefined();
    expect(targetOf(makeBinding('bar'), 'a')).toBeUndefined();
  });

  it('evictingClusters names the clusters with an open task', () => {
    expect(
      evictingClusters(withTasks(makeBinding('foo'), [task('a'), task('c'), task('a')])),
    ).toEqual(new Set(['a', 'c']));
    expect(evictingClusters(makeBinding('foo'))).toEqual(new Set());
  });
});

describe('objectKey', () => {
  it.each([
    { meta: { name: 'foo', namespace: 'default' }, want: 'default/foo' },
    { meta: { name: 'member1' }, want: 'member1' },
    { meta: { name: 'x', namespace: '' }, want: 'x' },
  ])('$want', ({ meta, want }) => {
    expect(objectKey(meta)).toBe(want);
  });
});

describe('clusterReadyStatus', () => {
  it.each([
    { name: 'Ready=True', cluster: makeCluster('a').ready('True').build(), want: 'True' },
    { name: 'Ready=False', cluster: makeCluster('a').ready('False').build(), want: 'False' },
    { name: 'no Ready condition is Unknown', cluster: makeCluster('a').build(), want: 'Unknown' },
  ])('$name', ({ cluster, want }) => {
    expect(clusterReadyStatus(cluster)).toBe(want);
  });
});
