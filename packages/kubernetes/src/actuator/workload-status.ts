import type { MemberWorkload } from '@lifeboat/core';

/** The status fields of a Deployment or StatefulSet that Lifeboat reads back. @public */
export interface WorkloadObjectStatus {
  readonly metadata?: { readonly generation?: number };
  readonly spec?: { readonly replicas?: number };
  readonly status?: {
    readonly observedGeneration?: number;
    readonly replicas?: number;
    readonly updatedReplicas?: number;
    readonly readyReplicas?: number;
    readonly availableReplicas?: number;
    readonly conditions?: readonly {
      readonly type: string;
      readonly status: string;
      readonly reason?: string;
    }[];
  };
}

/** The Progressing condition's reason once a rollout has stalled. @public */
export const PROGRESS_DEADLINE_EXCEEDED = 'ProgressDeadlineExceeded';

/**
 * What a member runs of a workload, from the object read back: `running` is the replicas asked
 * for; `ready` the replicas that are ready *and* available on the current generation (a status
 * for an older spec counts only its updated replicas, as Karmada's Deployment health check
 * does); `unhealthy` when the rollout is stuck (`Progressing=False`, `ProgressDeadlineExceeded`).
 * Core's `aggregatedStatusFor` turns this into the binding's workload health.
 * @public
 */
export function memberWorkloadOf(cluster: string, object: WorkloadObjectStatus): MemberWorkload {
  const running = object.spec?.replicas ?? 1;
  const status = object.status ?? {};
  const current =
    object.metadata?.generation === undefined ||
    (status.observedGeneration ?? 0) >= object.metadata.generation;
  const ready = Math.min(
    status.readyReplicas ?? 0,
    status.availableReplicas ?? status.readyReplicas ?? 0,
    current ? running : (status.updatedReplicas ?? 0),
  );
  const condition = (type: string) => status.conditions?.find((c) => c.type === type);
  const progressing = condition('Progressing');
  const stalled =
    progressing?.status === 'False' && progressing.reason === PROGRESS_DEADLINE_EXCEEDED;
  return { cluster, running, ready, ...(stalled ? { unhealthy: true } : {}) };
}
