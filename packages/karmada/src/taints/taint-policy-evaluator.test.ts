import type { Cluster, Condition } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import type { ClusterTaintPolicy } from './cluster-taint-policy';
import { evaluateTaintPolicy, sortTaintPolicies } from './taint-policy-evaluator';

const cond = (type: string, status: Condition['status']): Condition => ({
  type,
  status,
  reason: '',
  message: '',
  lastTransitionTime: 0,
});

function cluster(conditions: Condition[], labels: Record<string, string> = {}): Cluster {
  const c = makeCluster('member1').labels(labels).build();
  return { ...c, status: { ...c.status, conditions } };
}

const policy = (p: Partial<ClusterTaintPolicy>): ClusterTaintPolicy => ({
  name: 'p',
  taints: [{ key: 'k', effect: 'NoExecute' }],
  ...p,
});

describe('evaluateTaintPolicy', () => {
  it.each<{
    name: string;
    policy: ClusterTaintPolicy;
    conditions: Condition[];
    labels?: Record<string, string>;
    want: string;
  }>([
    {
      name: 'adds when every addOnConditions entry matches',
      policy: policy({
        addOnConditions: [
          { conditionType: 'Ready', operator: 'NotIn', statusValues: ['True'] },
          { conditionType: 'NetworkOk', operator: 'In', statusValues: ['False'] },
        ],
      }),
      conditions: [cond('Ready', 'False'), cond('NetworkOk', 'False')],
      want: 'add',
    },
    {
      name: 'does nothing when one addOnConditions entry does not match',
      policy: policy({
        addOnConditions: [
          { conditionType: 'Ready', operator: 'NotIn', statusValues: ['True'] },
          { conditionType: 'NetworkOk', operator: 'In', statusValues: ['False'] },
        ],
      }),
      conditions: [cond('Ready', 'False'), cond('NetworkOk', 'True')],
      want: 'none',
    },
    {
      name: 'a missing condition matches neither In nor NotIn',
      policy: policy({
        addOnConditions: [
          { conditionType: 'ThirdParty', operator: 'NotIn', statusValues: ['True'] },
        ],
      }),
      conditions: [cond('Ready', 'False')],
      want: 'none',
    },
    {
      name: 'empty condition lists never match',
      policy: policy({}),
      conditions: [cond('Ready', 'False')],
      want: 'none',
    },
    {
      name: 'removal wins when both lists match',
      policy: policy({
        addOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['False'] }],
        removeOnConditions: [{ conditionType: 'Ready', operator: 'NotIn', statusValues: ['True'] }],
      }),
      conditions: [cond('Ready', 'False')],
      want: 'remove',
    },
    {
      name: 'a cluster outside targetClusters is left alone',
      policy: policy({
        targetClusters: { labelSelector: { matchLabels: { env: 'prod' } } },
        addOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['False'] }],
      }),
      conditions: [cond('Ready', 'False')],
      labels: { env: 'dev' },
      want: 'none',
    },
    {
      name: 'a cluster inside targetClusters is tainted',
      policy: policy({
        targetClusters: { labelSelector: { matchLabels: { env: 'prod' } } },
        addOnConditions: [{ conditionType: 'Ready', operator: 'In', statusValues: ['False'] }],
      }),
      conditions: [cond('Ready', 'False')],
      labels: { env: 'prod' },
      want: 'add',
    },
  ])('$name', ({ policy: p, conditions, labels, want }) => {
    expect(evaluateTaintPolicy(p, cluster(conditions, labels))).toBe(want);
  });
});

describe('sortTaintPolicies', () => {
  it('orders oldest first and breaks equal times by name', () => {
    const sorted = sortTaintPolicies([
      policy({ name: 'c', creationTimestamp: 5 }),
      policy({ name: 'b', creationTimestamp: 1 }),
      policy({ name: 'a', creationTimestamp: 5 }),
    ]);
    expect(sorted.map((p) => p.name)).toEqual(['b', 'a', 'c']);
  });
});
