import type { Binding, Cluster, EvictionDecision } from '@lifeboat/core';
import { DEFAULT_APPLICATION_GRACE_PERIOD_SECONDS } from '../api/failover-schema';
import {
  EVICTION_PRODUCER_APPLICATION_FAILOVER,
  EVICTION_REASON_APPLICATION_FAILURE,
} from './eviction-constants';
import { effectivePurgeMode } from './purge-mode';

/**
 * Karmada's application failover as a decision: when `spec.failover.application` is set and the
 * workload has been `Unhealthy` on a cluster (per `status.aggregatedStatus`) for
 * `decisionConditions.tolerationSeconds`, it leaves that cluster. The countdown starts at the
 * item's `healthSince`, which is stored, so it survives a restart (Karmada's timers are in
 * memory); when the actuator gives no `healthSince`, the first time this decider saw the
 * unhealthy report is used. Any other health (Healthy, Unknown) resets the countdown.
 * @public
 */
export class ApplicationFailover {
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly gracefulEvictionEnabled: boolean) {}

  decide(binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    const policy = binding.spec.failover?.application;
    const name = cluster.metadata.name;
    const memo = `${binding.metadata.namespace ?? ''}/${binding.metadata.name}@${name}`;
    const item = binding.status?.aggregatedStatus?.find((s) => s.clusterName === name);
    if (!policy || item?.health !== 'Unhealthy') {
      this.firstSeen.delete(memo);
      return {};
    }
    const since = item.healthSince ?? this.firstSeen.get(memo) ?? now;
    if (item.healthSince === undefined) this.firstSeen.set(memo, since);
    const at = since + policy.decisionConditions.tolerationSeconds * 1000;
    if (at > now) return { recheckAt: at };
    this.firstSeen.delete(memo);
    const purgeMode = effectivePurgeMode(policy.purgeMode, this.gracefulEvictionEnabled);
    return {
      evict: {
        purgeMode,
        reason: EVICTION_REASON_APPLICATION_FAILURE,
        producer: EVICTION_PRODUCER_APPLICATION_FAILOVER,
        message: `workload has been unhealthy on cluster ${name} for ${policy.decisionConditions.tolerationSeconds}s`,
        ...(purgeMode === 'Gracefully'
          ? {
              gracePeriodSeconds:
                policy.gracePeriodSeconds ?? DEFAULT_APPLICATION_GRACE_PERIOD_SECONDS,
            }
          : {}),
        ...(purgeMode === 'Never' ? { suppressDeletion: true } : {}),
      },
    };
  }
}
