import type { Condition, ConditionStatus } from '@lifeboat/core';

interface ThresholdRecord {
  readonly status: ConditionStatus;
  readonly since: number;
}

/**
 * Debounces the Ready condition (Karmada's cluster condition store): a flip between True and
 * not-True is held back until the new observation has persisted for the success threshold
 * (towards True) or the failure threshold (away from True); False↔Unknown passes at once. The
 * first observation of a cluster is taken as it is. State is per cluster and in memory.
 * @public
 */
export class ThresholdAdjuster {
  private readonly records = new Map<string, ThresholdRecord>();

  constructor(
    private readonly successThresholdMs: number,
    private readonly failureThresholdMs: number,
  ) {}

  /** The condition to hold now, given what is stored (`current`) and what was just observed. */
  adjust(
    clusterName: string,
    current: Condition | undefined,
    observed: Condition,
    now: number,
  ): Condition {
    const record = this.records.get(clusterName);
    if (!record || record.status !== observed.status)
      this.records.set(clusterName, { status: observed.status, since: now });
    if (!record || !current) return observed;
    const since = record.status === observed.status ? record.since : now;
    const threshold =
      observed.status === 'True' ? this.successThresholdMs : this.failureThresholdMs;
    const crossesTrue = (observed.status === 'True') !== (current.status === 'True');
    return crossesTrue && now < since + threshold ? current : observed;
  }

  /** Drops what is kept for a cluster that left. */
  forget(clusterName: string): void {
    this.records.delete(clusterName);
  }
}
