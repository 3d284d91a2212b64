import { z } from 'zod';

/** The predict route (Clusternet `RootPathReplicas` + `PathPredict`). @public */
export const PREDICT_PATH = '/replicas/predict';

/** Declared by Clusternet's protocol but not implemented there either; answered with 501. @public */
export const UNSCHEDULED_PATH = '/replicas/unscheduled';

/** Header naming the asking cluster. @public */
export const CLUSTER_ID_HEADER = 'Cluster-ID';

/** The key of the cluster-wide answer (`DefaultAcceptableReplicasKey`). @public */
export const DEFAULT_ACCEPTABLE_REPLICAS_KEY = 'default';

const quantityText = z.union([z.string(), z.number()]);

const tolerationSchema = z.object({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

/**
 * The request body: what one replica needs (Clusternet `ReplicaRequirements`). `affinity` is
 * carried but, as in Clusternet's default predictor, not evaluated.
 * @public
 */
export const replicaRequirementsSchema = z.object({
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(tolerationSchema).optional(),
  affinity: z.unknown().optional(),
  resources: z
    .object({
      requests: z.record(z.string(), quantityText).optional(),
      limits: z.record(z.string(), quantityText).optional(),
    })
    .optional(),
});

/** What one replica needs, as sent to a predictor. @public */
export type ReplicaRequirements = z.input<typeof replicaRequirementsSchema>;

/** The response body (`PredictorResults`). @public */
export const predictorResultsSchema = z.object({
  replicas: z.record(z.string(), z.number().int().nonnegative()),
});

/** A predictor's answer: replicas per topology key (`default`: the whole cluster). @public */
export type PredictorResults = z.output<typeof predictorResultsSchema>;
