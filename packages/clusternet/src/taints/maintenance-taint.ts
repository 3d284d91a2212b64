import type { Taint, TaintEffect } from '@lifeboat/core';
import { MAINTENANCE_TAINT_KEY } from './taint-keys';

/**
 * A manual cordon: the maintenance key, which the Clusternet tainter never touches. `NoSchedule`
 * keeps new placements away; with FailOver on, either effect moves workloads off the cluster
 * unless they tolerate it.
 * @public
 */
export function maintenanceTaint(effect: TaintEffect = 'NoSchedule', value?: string): Taint {
  return value === undefined
    ? { key: MAINTENANCE_TAINT_KEY, effect }
    : { key: MAINTENANCE_TAINT_KEY, value, effect };
}
