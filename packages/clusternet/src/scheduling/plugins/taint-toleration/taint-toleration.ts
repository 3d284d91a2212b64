import {
  Status,
  describeTaint,
  parseWith,
  structuralKey,
  tolerates,
  type Binding,
  type Cluster,
  type ClusterScore,
  type CycleState,
  type FilterPlugin,
  type PluginRegistration,
  type ScorePlugin,
} from '@lifeboat/core';
import { z } from 'zod';
import { firstExcludingTaint } from '../../../eviction/toleration-deadline';
import { defaultNormalizeScore } from '../../normalize-score';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';

/** Args of {@link TaintToleration}. @public */
export const taintTolerationArgsSchema = z.strictObject({
  /** Reject a cluster once a matching toleration's `tolerationSeconds` ran out (Lifeboat option). */
  honorTolerationSeconds: z.boolean().default(false),
});

/** TaintToleration's validated args. @public */
export type TaintTolerationArgs = z.output<typeof taintTolerationArgsSchema>;

/** The rejection reason, with the taint in `{key: value}` form. @public */
export function untoleratedTaintReason(taint: Parameters<typeof describeTaint>[0]): string {
  return `had taint ${describeTaint(taint)}, that the subscription didn't tolerate`;
}

/**
 * Clusternet's TaintToleration plugin. Filter: a cluster with a `NoSchedule` or `NoExecute`
 * taint the binding does not tolerate is `UnschedulableAndUnresolvable`; this is what keeps an
 * unhealthy cluster (`clusters.clusternet.io/unschedulable`) out. Score: the fewer untolerated
 * `PreferNoSchedule` taints the better, normalized in reverse to 0..100.
 * @public
 */
export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.TaintToleration;

  constructor(
    private readonly args: TaintTolerationArgs,
    private readonly now: () => number,
  ) {}

  filter(_state: CycleState, binding: Binding, cluster: Cluster): Status {
    const tolerations = binding.spec.placement.clusterTolerations ?? [];
    const { taint } = firstExcludingTaint(
      cluster.spec.taints ?? [],
      tolerations,
      this.now(),
      this.args.honorTolerationSeconds,
    );
    return taint ? Status.unresolvable(untoleratedTaintReason(taint)) : Status.success;
  }

  score(_state: CycleState, binding: Binding, cluster: Cluster): number {
    const tolerations = (binding.spec.placement.clusterTolerations ?? []).filter(
      (t) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    let untolerated = 0;
    for (const taint of cluster.spec.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)))
        untolerated++;
    }
    return untolerated;
  }

  normalizeScore(_state: CycleState, _binding: Binding, scores: ClusterScore[]): Status {
    defaultNormalizeScore(scores, true);
    return Status.success;
  }

  /**
   * Verdicts and scores depend on the tolerations alone, unless a toleration's
   * `tolerationSeconds` is honoured: then the filter depends on the time, and nothing is shared.
   */
  equivalenceKey(binding: Binding): string | undefined {
    const tolerations = binding.spec.placement.clusterTolerations;
    if (
      this.args.honorTolerationSeconds &&
      tolerations?.some((t) => t.tolerationSeconds !== undefined)
    )
      return undefined;
    return structuralKey(tolerations);
  }
}

/**
 * The registration: the profile's `pluginConfig` args (parsed; the framework names the field
 * path of a bad one) over `defaults`
 * (`registerClusternet` passes the flavour options' `honorTolerationSeconds`, so the profile
 * need not repeat it).
 * @public
 */
export function taintTolerationRegistration(
  defaults: Partial<TaintTolerationArgs> = {},
): PluginRegistration {
  return {
    name: CLUSTERNET_PLUGIN_NAMES.TaintToleration,
    factory: (args, handle) =>
      new TaintToleration(
        parseWith(
          taintTolerationArgsSchema,
          args === undefined || args === null
            ? defaults
            : typeof args === 'object'
              ? { ...defaults, ...args }
              : args,
        ),
        () => handle.now(),
      ),
  };
}
