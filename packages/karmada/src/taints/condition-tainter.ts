import {
  READY_CONDITION,
  findCondition,
  type Cluster,
  type Taint,
  type TaintChange,
  type Tainter,
} from '@lifeboat/core';
import { TAINT_CLUSTER_NOT_READY, TAINT_CLUSTER_UNREACHABLE } from './taint-keys';

const NOT_READY: Taint = { key: TAINT_CLUSTER_NOT_READY, effect: 'NoSchedule' };
const UNREACHABLE: Taint = { key: TAINT_CLUSTER_UNREACHABLE, effect: 'NoSchedule' };

/**
 * Karmada's system-managed scheduling taints (`taintClusterByCondition`): Ready False (or no
 * Ready condition yet) → `not-ready:NoSchedule`, Unknown → `unreachable:NoSchedule`, True → neither.
 * NoSchedule only keeps new replicas away; it never evicts.
 * @public
 */
export class ConditionTainter implements Tainter {
  reconcile(cluster: Cluster): TaintChange {
    const ready = findCondition(cluster.status?.conditions, READY_CONDITION);
    switch (ready?.status) {
      case undefined:
        return { add: [NOT_READY], remove: [] };
      case 'False':
        return { add: [NOT_READY], remove: [UNREACHABLE] };
      case 'Unknown':
        return { add: [UNREACHABLE], remove: [NOT_READY] };
      case 'True':
        return { add: [], remove: [NOT_READY, UNREACHABLE] };
    }
  }
}
