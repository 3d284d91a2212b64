import { z } from 'zod';
import type { ClusterTaintPolicy } from '../taints/cluster-taint-policy';
import { clusterAffinitySchema } from './cluster-affinity-schema';

const matchConditionSchema = z.strictObject({
  conditionType: z.string().min(1),
  operator: z.enum(['In', 'NotIn']),
  statusValues: z.array(z.enum(['True', 'False', 'Unknown'])).min(1),
});

/**
 * A ClusterTaintPolicy as Karmada's `spec` plus a `name` (and optional `creationTimestamp`, ms
 * since the epoch, that orders policies). Duplicate key+effect in one policy is an error, as
 * Karmada's webhook rejects it; NoExecute is allowed (Lifeboat has no
 * `--allow-no-execute-taint-policy` switch).
 * @public
 */
export const clusterTaintPolicySchema: z.ZodType<ClusterTaintPolicy> = z
  .strictObject({
    name: z.string().min(1),
    creationTimestamp: z.number().optional(),
    targetClusters: clusterAffinitySchema.optional(),
    addOnConditions: z.array(matchConditionSchema).optional(),
    removeOnConditions: z.array(matchConditionSchema).optional(),
    taints: z
      .array(
        z.strictObject({
          key: z.string().min(1),
          value: z.string().optional(),
          effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
        }),
      )
      .min(1),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.taints.forEach((taint, i) => {
      const id = `${taint.key}:${taint.effect}`;
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: ['taints', i], message: `duplicate taint ${id}` });
      seen.add(id);
    });
  });
