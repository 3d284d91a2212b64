import type { ClusterSelector, LabelSelector } from '@lifeboat/core';
import { z } from 'zod';

const labelSelectorSchema: z.ZodType<LabelSelector> = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

const fieldSelectorSchema = z.strictObject({
  matchExpressions: z.array(
    z.strictObject({
      key: z.enum(['provider', 'region', 'zone']),
      operator: z.enum(['In', 'NotIn']),
      values: z.array(z.string()),
    }),
  ),
});

/** The fields of Karmada's `ClusterAffinity`, shared by the affinity, affinity terms and weight rules. @internal */
export const clusterAffinityShape = {
  labelSelector: labelSelectorSchema.optional(),
  fieldSelector: fieldSelectorSchema.optional(),
  clusterNames: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
};

/** Karmada's `ClusterAffinity` YAML shape, parsed into core's {@link @lifeboat/core#ClusterSelector}. @public */
export const clusterAffinitySchema: z.ZodType<ClusterSelector> =
  z.strictObject(clusterAffinityShape);
