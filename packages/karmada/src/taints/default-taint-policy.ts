import { READY_CONDITION } from '@lifeboat/core';
import type { ClusterTaintPolicy } from './cluster-taint-policy';
import { TAINT_CLUSTER_NOT_READY, TAINT_CLUSTER_UNREACHABLE } from './taint-keys';

/**
 * The policies Lifeboat ships so that a failed cluster is evicted with no extra setup (Karmada
 * v1.14+ ships none and adds only NoSchedule taints): Ready False adds
 * `cluster.karmada.io/not-ready:NoExecute`, Ready Unknown adds
 * `cluster.karmada.io/unreachable:NoExecute`, and each is removed when the status moves on.
 * Replace them with the `taintPolicies` setting (`[]` turns them off).
 * @public
 */
export const DEFAULT_TAINT_POLICIES: readonly ClusterTaintPolicy[] = [
  {
    name: 'lifeboat-default-not-ready',
    creationTimestamp: 0,
    addOnConditions: [{ conditionType: READY_CONDITION, operator: 'In', statusValues: ['False'] }],
    removeOnConditions: [
      { conditionType: READY_CONDITION, operator: 'NotIn', statusValues: ['False'] },
    ],
    taints: [{ key: TAINT_CLUSTER_NOT_READY, effect: 'NoExecute' }],
  },
  {
    name: 'lifeboat-default-unreachable',
    creationTimestamp: 0,
    addOnConditions: [
      { conditionType: READY_CONDITION, operator: 'In', statusValues: ['Unknown'] },
    ],
    removeOnConditions: [
      { conditionType: READY_CONDITION, operator: 'NotIn', statusValues: ['Unknown'] },
    ],
    taints: [{ key: TAINT_CLUSTER_UNREACHABLE, effect: 'NoExecute' }],
  },
];
