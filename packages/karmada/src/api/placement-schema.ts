import type { Placement, ReplicaScheduling, SpreadConstraint, Toleration } from '@lifeboat/core';
import { z } from 'zod';
import { clusterAffinitySchema, clusterAffinityShape } from './cluster-affinity-schema';

const affinityNameSchema = z.string().min(1).max(32);

const tolerationSchema: z.ZodType<Toleration> = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

const spreadConstraintSchema = z
  .strictObject({
    spreadByField: z.enum(['cluster', 'region', 'zone', 'provider']).optional(),
    spreadByLabel: z.string().min(1).optional(),
    maxGroups: z.number().int().nonnegative().optional(),
    minGroups: z.number().int().nonnegative().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.spreadByField && c.spreadByLabel) {
      ctx.addIssue({
        code: 'custom',
        path: ['spreadByLabel'],
        message: 'spreadByField and spreadByLabel are mutually exclusive',
      });
    }
    if (c.maxGroups && c.minGroups !== undefined && c.maxGroups < c.minGroups) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxGroups'],
        message: 'maxGroups must not be lower than minGroups',
      });
    }
  })
  // Karmada's webhook defaults: spread by cluster when nothing is named, at least one group.
  .transform((c): SpreadConstraint => ({
    ...c,
    spreadByField: c.spreadByField ?? (c.spreadByLabel ? undefined : 'cluster'),
    minGroups: c.minGroups || 1,
  }));

/** A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of up to 63 characters. */
const labelKey = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'must be a label key: an optional DNS-subdomain prefix and "/", then letters, digits, "-", "_" and "."',
  );

const workloadAffinityTermSchema = z.strictObject({ groupByLabelKey: labelKey });

const workloadAffinitySchema = z.strictObject({
  affinity: workloadAffinityTermSchema.optional(),
  antiAffinity: workloadAffinityTermSchema.optional(),
});

const replicaSchedulingSchema = z
  .strictObject({
    replicaSchedulingType: z.enum(['Duplicated', 'Divided']).default('Divided'),
    replicaDivisionPreference: z.enum(['Aggregated', 'Weighted']).optional(),
    weightPreference: z
      .strictObject({
        staticWeightList: z
          .array(
            z.strictObject({
              targetCluster: clusterAffinitySchema,
              weight: z.number().int().min(1),
            }),
          )
          .optional(),
        dynamicWeight: z.enum(['AvailableReplicas']).optional(),
      })
      .optional(),
  })
  .transform((r): ReplicaScheduling => {
    if (r.replicaSchedulingType === 'Duplicated') return { type: 'Duplicated' };
    if (r.replicaDivisionPreference === 'Aggregated')
      return { type: 'Divided', division: 'Aggregated' };
    // dynamicWeight overrides a static list, as in Karmada.
    if (r.weightPreference?.dynamicWeight) {
      return {
        type: 'Divided',
        division: 'DynamicWeight',
        dynamicWeight: r.weightPreference.dynamicWeight,
      };
    }
    return {
      type: 'Divided',
      division: 'StaticWeight',
      staticWeightList: r.weightPreference?.staticWeightList ?? [],
    };
  });

/**
 * Karmada's PropagationPolicy `spec.placement` YAML shape, parsed into core's
 * {@link @lifeboat/core#Placement}. Applies Karmada's defaults (no `replicaScheduling` ⇒ Duplicated;
 * `Divided` ⇒ `Weighted`; spread by cluster, `minGroups` 1) and its validation
 * (`clusterAffinity` xor `clusterAffinities`, one spread constraint per field, a `cluster`
 * constraint whenever a field constraint is used, `overflowAffinities` only with a division by
 * capacity). `workloadAffinity` (Karmada v1.17) names the label keys that group workloads.
 * @public
 */
export const placementSchema: z.ZodType<Placement> = z
  .strictObject({
    clusterAffinity: clusterAffinitySchema.optional(),
    clusterAffinities: z
      .array(
        z.strictObject({
          affinityName: affinityNameSchema,
          ...clusterAffinityShape,
          overflowAffinities: z
            .array(z.strictObject({ affinityName: affinityNameSchema, ...clusterAffinityShape }))
            .optional(),
        }),
      )
      .optional(),
    clusterTolerations: z.array(tolerationSchema).optional(),
    spreadConstraints: z.array(spreadConstraintSchema).optional(),
    replicaScheduling: replicaSchedulingSchema.optional(),
    workloadAffinity: workloadAffinitySchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.clusterAffinity && p.clusterAffinities) {
      ctx.addIssue({
        code: 'custom',
        path: ['clusterAffinities'],
        message: 'clusterAffinity and clusterAffinities are mutually exclusive',
      });
    }
    // Karmada's ValidatePlacement: only a division by capacity can overflow.
    const scheduling = p.replicaScheduling;
    const divisionByCapacity =
      scheduling?.type === 'Divided' &&
      (scheduling.division === 'Aggregated' || scheduling.division === 'DynamicWeight');
    p.clusterAffinities?.forEach((term, i) => {
      if (term.overflowAffinities && !divisionByCapacity) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusterAffinities', i, 'overflowAffinities'],
          message:
            'overflowAffinities can only be used together with dynamic weight or aggregated scheduling',
        });
      }
    });
    const names = new Set<string>();
    p.clusterAffinities?.forEach((term, i) => {
      if (names.has(term.affinityName)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusterAffinities', i, 'affinityName'],
          message: `duplicate affinityName "${term.affinityName}"`,
        });
      }
      names.add(term.affinityName);
    });
    const fields = new Set<string>();
    p.spreadConstraints?.forEach((c, i) => {
      const field = c.spreadByField;
      if (!field) return;
      if (fields.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['spreadConstraints', i, 'spreadByField'],
          message: `more than one constraint spreads by ${field}`,
        });
      }
      fields.add(field);
    });
    if (fields.size > 0 && !fields.has('cluster')) {
      ctx.addIssue({
        code: 'custom',
        path: ['spreadConstraints'],
        message: 'a constraint with spreadByField cluster is required when spreading by a field',
      });
    }
  })
  .transform((p): Placement => ({
    ...(p.clusterAffinity ? { clusterAffinity: [p.clusterAffinity] } : {}),
    ...(p.clusterAffinities ? { clusterAffinities: p.clusterAffinities } : {}),
    ...(p.clusterTolerations ? { clusterTolerations: p.clusterTolerations } : {}),
    ...(p.spreadConstraints ? { spreadConstraints: p.spreadConstraints } : {}),
    replicaScheduling: p.replicaScheduling ?? { type: 'Duplicated' },
    ...(p.workloadAffinity ? { workloadAffinity: p.workloadAffinity } : {}),
  }));
