import {
  MAX_CLUSTER_SCORE,
  parseWith,
  type Binding,
  type Cluster,
  type CycleState,
  type PluginRegistration,
  type ScorePlugin,
} from '@lifeboat/core';
import { z } from 'zod';

/** CostAware's args: which label holds the cost, and the cost that scores 0. */
export const costAwareArgs = z.strictObject({
  label: z.string().min(1).default('cost'),
  maxCost: z.number().positive().default(10),
});

/** Prefers clusters with a lower cost label: 0 scores 100, `maxCost` or more (or none) scores 0. */
export class CostAware implements ScorePlugin {
  readonly name = 'CostAware';

  constructor(private readonly args: z.output<typeof costAwareArgs>) {}

  score(_state: CycleState, _binding: Binding, cluster: Cluster): number {
    const cost = Number(cluster.metadata.labels?.[this.args.label] ?? this.args.maxCost);
    const bounded = Math.min(
      Math.max(Number.isFinite(cost) ? cost : this.args.maxCost, 0),
      this.args.maxCost,
    );
    return Math.round(MAX_CLUSTER_SCORE * (1 - bounded / this.args.maxCost));
  }

  /** The score reads only the cluster's label named in the args. */
  equivalenceKey(): string {
    return this.args.label;
  }
}

/** Bad args are a `ValidationError` the framework reports at `pluginConfig[i].args.<field>`. */
export const costAwareRegistration: PluginRegistration = {
  name: 'CostAware',
  factory: (args) => new CostAware(parseWith(costAwareArgs, args ?? {})),
};
