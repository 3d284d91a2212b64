import { makeBinding } from '@lifeboat/core/testing';
import type { EvictionTask, PurgeMode, TargetCluster } from '../model/binding';
import { desiredReplicasPerCluster } from './desired-replicas';

const task = (fromCluster: string, purgeMode: PurgeMode, replicas?: number): EvictionTask => ({
  fromCluster,
  purgeMode,
  ...(replicas === undefined ? {} : { replicas }),
  reason: 'TaintUntolerated',
  producer: 'Test',
  creationTimestamp: 0,
});

describe('desiredReplicasPerCluster', () => {
  it.each<{
    name: string;
    clusters?: TargetCluster[];
    tasks?: EvictionTask[];
    want: Record<string, number>;
  }>([
    { name: 'an unscheduled binding wants nothing anywhere', want: {} },
    {
      name: 'targets want their replicas',
      clusters: [
        { name: 'a', replicas: 2 },
        { name: 'b', replicas: 3 },
      ],
      want: { a: 2, b: 3 },
    },
    {
      name: 'a repeated target adds up',
      clusters: [
        { name: 'a', replicas: 2 },
        { name: 'a', replicas: 1 },
      ],
      want: { a: 3 },
    },
    {
      name: 'a Gracefully task keeps the old replicas',
      clusters: [{ name: 'b', replicas: 4 }],
      tasks: [task('a', 'Gracefully', 2)],
      want: { a: 2, b: 4 },
    },
    {
      name: 'a Never task keeps the old replicas',
      clusters: [{ name: 'b', replicas: 4 }],
      tasks: [task('a', 'Never', 2)],
      want: { a: 2, b: 4 },
    },
    {
      name: 'a Directly task keeps nothing',
      clusters: [{ name: 'b', replicas: 4 }],
      tasks: [task('a', 'Directly', 2)],
      want: { b: 4 },
    },
    {
      name: 'a cluster both targeted and being left runs the larger count, not the sum',
      clusters: [
        { name: 'a', replicas: 1 },
        { name: 'b', replicas: 3 },
      ],
      tasks: [task('a', 'Gracefully', 2)],
      want: { a: 2, b: 3 },
    },
    {
      name: 'a target larger than the task keeps the target',
      clusters: [{ name: 'a', replicas: 5 }],
      tasks: [task('a', 'Gracefully', 2)],
      want: { a: 5 },
    },
  ])('$name', ({ clusters, tasks, want }) => {
    const base = makeBinding('foo', { replicas: 6, ...(clusters ? { clusters } : {}) });
    const binding = tasks ? { ...base, spec: { ...base.spec, evictionTasks: tasks } } : base;
    expect(Object.fromEntries(desiredReplicasPerCluster(binding))).toEqual(want);
  });
});
