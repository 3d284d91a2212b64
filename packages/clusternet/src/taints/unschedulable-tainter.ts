import {
  READY_CONDITION,
  findCondition,
  sameTaint,
  type Cluster,
  type Taint,
  type TaintChange,
  type Tainter,
} from '@lifeboat/core';
import { UNSCHEDULABLE_TAINT_KEY } from './taint-keys';

/**
 * Clusternet's condition-to-taint mapping as a core `Tainter`: a cluster whose Ready condition is
 * False or Unknown carries `clusters.clusternet.io/unschedulable:NoSchedule` with the condition's
 * reason as value; once Ready is True again the taint goes. A cluster without a Ready condition
 * is left alone (the lifecycle detector turns it Unknown after the grace period). As Clusternet
 * matches taints by key and effect, a later change of reason does not rewrite the value. Other
 * keys (a manual cordon under `lifeboat.dev/maintenance`) are never touched.
 * @public
 */
export class UnschedulableTainter implements Tainter {
  reconcile(cluster: Cluster): TaintChange {
    const ready = findCondition(cluster.status?.conditions, READY_CONDITION);
    const present = (cluster.spec.taints ?? []).some((t) => sameTaint(t, UNSCHEDULABLE_TAINT));
    if (!ready) return NO_CHANGE;
    if (ready.status === 'True')
      return present ? { add: [], remove: [UNSCHEDULABLE_TAINT] } : NO_CHANGE;
    if (present) return NO_CHANGE;
    return { add: [{ ...UNSCHEDULABLE_TAINT, value: ready.reason }], remove: [] };
  }
}

const UNSCHEDULABLE_TAINT: Pick<Taint, 'key' | 'effect'> = Object.freeze({
  key: UNSCHEDULABLE_TAINT_KEY,
  effect: 'NoSchedule',
});

const NO_CHANGE: TaintChange = Object.freeze({ add: [], remove: [] });
