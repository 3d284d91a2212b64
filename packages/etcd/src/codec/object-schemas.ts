import type { Kind } from '@lifeboat/core';
import { z } from 'zod';

/**
 * The shape a stored value must have before any controller or agent sees it. The schemas check
 * what Lifeboat's code dereferences (names, numbers, lists, condition and taint fields) and keep
 * unknown fields as they are, so a newer writer's additions pass through an older reader.
 * Quantities are checked when they are revived (`Quantity.parse`).
 */
const name = z.string().min(1);
const count = z.number().int().nonnegative();
const time = z.number().finite();
const stringMap = z.record(z.string(), z.string());
const resourceList = z.record(z.string(), z.union([z.string(), z.number()]));

const metadata = z.looseObject({
  name,
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  generation: z.number().int().optional(),
  creationTimestamp: time.optional(),
});

const condition = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string(),
  message: z.string(),
  lastTransitionTime: time,
});

const taint = z.looseObject({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  timeAdded: time.optional(),
});

const cluster = z.looseObject({
  metadata,
  spec: z.looseObject({
    syncMode: z.enum(['Push', 'Pull']).optional(),
    apiEndpoint: z.string().optional(),
    region: z.string().optional(),
    zones: z.array(z.string()).optional(),
    provider: z.string().optional(),
    taints: z.array(taint).optional(),
  }),
  status: z
    .looseObject({
      conditions: z.array(condition).optional(),
      capacity: resourceList.optional(),
      allocatable: resourceList.optional(),
      allocated: resourceList.optional(),
      lastHeartbeatTime: time.optional(),
      heartbeatFrequencySeconds: z.number().nonnegative().optional(),
    })
    .optional(),
});

const purgeMode = z.enum(['Directly', 'Gracefully', 'Never']);

/** One member's entry of a binding's `status.aggregatedStatus`; also a member's report alone. */
export const aggregatedStatusItem = z.looseObject({
  clusterName: name,
  applied: z.boolean(),
  health: z.enum(['Healthy', 'Unhealthy', 'Unknown']),
  readyReplicas: count,
  healthSince: time.optional(),
});

const binding = z.looseObject({
  metadata,
  spec: z.looseObject({
    resource: z.looseObject({ apiVersion: z.string(), kind: z.string(), name }),
    replicas: count,
    replicaRequirements: z.looseObject({ resourceRequest: resourceList }).optional(),
    placement: z.looseObject({ replicaScheduling: z.looseObject({}) }),
    clusters: z.array(z.looseObject({ name, replicas: count })).optional(),
    evictionTasks: z
      .array(
        z.looseObject({
          fromCluster: name,
          purgeMode,
          replicas: count.optional(),
          reason: z.string(),
          producer: z.string(),
          creationTimestamp: time,
        }),
      )
      .optional(),
  }),
  status: z
    .looseObject({
      conditions: z.array(condition).optional(),
      aggregatedStatus: z.array(aggregatedStatusItem).optional(),
    })
    .optional(),
});

const lease = z.looseObject({
  metadata,
  spec: z.looseObject({
    holderIdentity: z.string().optional(),
    leaseDurationSeconds: z.number().nonnegative(),
    acquireTime: time.optional(),
    renewTime: time.optional(),
    leaseTransitions: z.number().int().optional(),
  }),
});

/** One schema per stored kind. */
export const OBJECT_SCHEMAS: { readonly [K in Kind]: z.ZodType } = {
  Cluster: cluster,
  Binding: binding,
  Lease: lease,
};
