import type { FailoverBehavior } from '@lifeboat/core';
import { z } from 'zod';

/** Application failover's default `decisionConditions.tolerationSeconds`. @public */
export const DEFAULT_APPLICATION_TOLERATION_SECONDS = 300;

/** Application failover's default `gracePeriodSeconds` with purge mode Gracefully. @public */
export const DEFAULT_APPLICATION_GRACE_PERIOD_SECONDS = 600;

const applicationSchema = z
  .strictObject({
    decisionConditions: z
      .strictObject({
        tolerationSeconds: z
          .number()
          .int()
          .nonnegative()
          .default(DEFAULT_APPLICATION_TOLERATION_SECONDS),
      })
      .default({ tolerationSeconds: DEFAULT_APPLICATION_TOLERATION_SECONDS }),
    purgeMode: z.enum(['Directly', 'Gracefully', 'Never']).default('Gracefully'),
    gracePeriodSeconds: z.number().int().positive().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.gracePeriodSeconds !== undefined && a.purgeMode !== 'Gracefully') {
      ctx.addIssue({
        code: 'custom',
        path: ['gracePeriodSeconds'],
        message: 'only allowed with purgeMode Gracefully',
      });
    }
  })
  .transform((a) => ({
    decisionConditions: a.decisionConditions,
    purgeMode: a.purgeMode,
    ...(a.purgeMode === 'Gracefully'
      ? { gracePeriodSeconds: a.gracePeriodSeconds ?? DEFAULT_APPLICATION_GRACE_PERIOD_SECONDS }
      : {}),
  }));

/** The longest failback stabilization window accepted, in seconds (a day). @public */
export const MAX_FAILBACK_WINDOW_SECONDS = 86_400;

/**
 * Karmada's PropagationPolicy `spec.failover` YAML shape, parsed into core's
 * {@link @lifeboat/core#FailoverBehavior} with Karmada's defaults (application: tolerationSeconds 300,
 * purgeMode Gracefully, gracePeriodSeconds 600; cluster: purgeMode Gracefully). The legacy purge
 * modes `Immediately`/`Graciously` (removed in Karmada v1.19) and `statePreservation` are rejected.
 * `failback` is Lifeboat's addition: come back after the clusters left have recovered.
 * @public
 */
export const failoverSchema: z.ZodType<FailoverBehavior> = z.strictObject({
  cluster: z
    .strictObject({ purgeMode: z.enum(['Directly', 'Gracefully']).default('Gracefully') })
    .optional(),
  application: applicationSchema.optional(),
  failback: z
    .strictObject({
      stabilizationWindowSeconds: z.number().int().positive().max(MAX_FAILBACK_WINDOW_SECONDS),
    })
    .optional()
    .meta({
      description:
        'Lifeboat: return to the placement before the failover once every cluster left has been Ready and untainted for stabilizationWindowSeconds (default: never, as Karmada).',
    }),
});
