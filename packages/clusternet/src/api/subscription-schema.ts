import { TAINT_EFFECTS } from '@lifeboat/core';
import { z } from 'zod';

const requirementSchema = z
  .strictObject({
    key: z.string().min(1),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    const needsValues = r.operator === 'In' || r.operator === 'NotIn';
    if (needsValues && !r.values?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `operator ${r.operator} needs at least one value`,
      });
    if (!needsValues && r.values?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `operator ${r.operator} takes no values`,
      });
  });

const labelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(requirementSchema).optional(),
});

const tolerationSchema = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: z.enum(TAINT_EFFECTS as [string, ...string[]]).optional(),
  tolerationSeconds: z.number().int().optional(),
});

const subscriberSchema = z.strictObject({
  clusterAffinity: labelSelectorSchema,
  weight: z.number().int().nonnegative().optional(),
  subGroupStrategy: z.strictObject({ minClusters: z.number().int().nonnegative() }).optional(),
});

const notImplemented = (field: string) =>
  z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: `${field} is declared by Clusternet but not implemented there; remove it`,
        });
    });

const dynamicDividingSchema = z.strictObject({
  strategy: z.enum(['Spread', 'Binpack']).default('Spread'),
  topologySpreadConstraints: notImplemented('topologySpreadConstraints'),
  preferredClusters: notImplemented('preferredClusters'),
  minClusters: notImplemented('minClusters'),
  maxClusters: notImplemented('maxClusters'),
});

const feedSchema = z.strictObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string().min(1),
});

/**
 * The Clusternet `Subscription` spec as users write it (apps.clusternet.io/v1alpha1). Unknown
 * fields are errors; fields Clusternet declares without implementing are refused rather than
 * silently ignored.
 * @public
 */
export const subscriptionSpecSchema = z
  .strictObject({
    schedulerName: z.string().min(1).default('default'),
    schedulingBySubGroup: z.boolean().default(false),
    schedulingStrategy: z.enum(['Replication', 'Dividing']).default('Replication'),
    dividingScheduling: z
      .strictObject({
        type: z.enum(['Static', 'Dynamic']).default('Static'),
        dynamicDividing: dynamicDividingSchema.optional(),
      })
      .optional(),
    priority: z.number().int().optional(),
    /** Accepted and, as in Clusternet, without effect (preemption is not implemented). */
    preemptionPolicy: z.enum(['PreemptLowerPriority', 'PreemptNever']).optional(),
    subscribers: z.array(subscriberSchema).min(1),
    clusterTolerations: z.array(tolerationSchema).optional(),
    feeds: z.array(feedSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.schedulingBySubGroup) {
      spec.subscribers.forEach((s, i) => {
        if (!s.subGroupStrategy)
          ctx.addIssue({
            code: 'custom',
            path: ['subscribers', i, 'subGroupStrategy'],
            message: 'required when schedulingBySubGroup is true',
          });
      });
    }
    const dividing = spec.dividingScheduling;
    if (dividing?.dynamicDividing?.strategy === 'Binpack') {
      ctx.addIssue({
        code: 'custom',
        path: ['dividingScheduling', 'dynamicDividing', 'strategy'],
        message: 'Binpack is declared by Clusternet but not implemented there; use Spread',
      });
    }
    if (
      spec.schedulingStrategy === 'Dividing' &&
      (dividing?.type ?? 'Static') === 'Static' &&
      !spec.subscribers.some((s) => (s.weight ?? 0) > 0)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['subscribers'],
        message: 'Static dividing needs at least one subscriber with a positive weight',
      });
    }
  });

/** A subscription spec as written. @public */
export type SubscriptionSpecInput = z.input<typeof subscriptionSpecSchema>;

/** A validated subscription spec with defaults. @public */
export type SubscriptionSpec = z.output<typeof subscriptionSpecSchema>;
