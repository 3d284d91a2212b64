import { stringify } from 'yaml';
import { LIFEBOAT_API_GROUP, LIFEBOAT_API_VERSION } from './api-group';

type Schema = Record<string, unknown>;

const string: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const boolean: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: string };
/** Fields whose shape belongs to a flavour (placement rules, failover options): kept as written. */
const open: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
/** A `ResourceList`: quantities as strings (`500m`, `1Gi`), or plain numbers. */
const resourceList: Schema = {
  type: 'object',
  additionalProperties: { 'x-kubernetes-int-or-string': true },
};
const condition = object(
  {
    type: string,
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: string,
    message: string,
    lastTransitionTime: integer,
    observedGeneration: integer,
  },
  ['type', 'status'],
);
const taint = object({ key: string, value: string, effect: string, timeAdded: integer }, [
  'key',
  'effect',
]);

const clusterSchema = object({
  spec: object({
    syncMode: { type: 'string', enum: ['Push', 'Pull'] },
    apiEndpoint: string,
    region: string,
    zones: strings,
    provider: string,
    taints: arrayOf(taint),
  }),
  status: object({
    conditions: arrayOf(condition),
    capacity: resourceList,
    allocatable: resourceList,
    allocated: resourceList,
    lastHeartbeatTime: integer,
    heartbeatFrequencySeconds: integer,
    healthz: boolean,
    livez: boolean,
    readyz: boolean,
  }),
});

const targetClusters = arrayOf(object({ name: string, replicas: integer }, ['name', 'replicas']));

const bindingSchema = object({
  spec: object(
    {
      resource: object(
        { apiVersion: string, kind: string, namespace: string, name: string, uid: string },
        ['apiVersion', 'kind', 'name'],
      ),
      replicas: integer,
      replicaRequirements: object({ resourceRequest: resourceList }),
      placement: open,
      clusters: targetClusters,
      evictionTasks: arrayOf(
        object(
          {
            fromCluster: string,
            purgeMode: { type: 'string', enum: ['Directly', 'Gracefully', 'Never'] },
            replicas: integer,
            reason: string,
            message: string,
            producer: string,
            gracePeriodSeconds: integer,
            suppressDeletion: boolean,
            creationTimestamp: integer,
            clustersBeforeFailover: strings,
          },
          ['fromCluster', 'purgeMode', 'reason', 'producer', 'creationTimestamp'],
        ),
      ),
      failover: open,
      rescheduleTriggeredAt: integer,
      workloadAffinityGroups: object({ affinityGroup: string, antiAffinityGroup: string }),
    },
    ['resource', 'replicas', 'placement'],
  ),
  status: object({
    conditions: arrayOf(condition),
    schedulerObservedGeneration: integer,
    lastScheduledTime: integer,
    schedulerObservingAffinityName: string,
    aggregatedStatus: arrayOf(
      object(
        {
          clusterName: string,
          applied: boolean,
          health: { type: 'string', enum: ['Healthy', 'Unhealthy', 'Unknown'] },
          readyReplicas: integer,
          healthSince: integer,
        },
        ['clusterName', 'applied', 'health', 'readyReplicas'],
      ),
    ),
    failback: object(
      {
        clusters: targetClusters,
        affinityName: string,
        evictedClusters: strings,
        since: integer,
        returning: object({ clusters: targetClusters, startedAt: integer }, [
          'clusters',
          'startedAt',
        ]),
      },
      ['clusters', 'evictedClusters', 'since'],
    ),
  }),
});

function crd(
  plural: string,
  kind: string,
  scope: 'Cluster' | 'Namespaced',
  shortNames: string[],
  schema: Schema,
  columns: { name: string; type: string; jsonPath: string }[],
): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${LIFEBOAT_API_GROUP}` },
    spec: {
      group: LIFEBOAT_API_GROUP,
      scope,
      names: {
        plural,
        singular: kind.toLowerCase(),
        kind,
        listKind: `${kind}List`,
        shortNames,
        categories: ['lifeboat'],
      },
      versions: [
        {
          name: LIFEBOAT_API_VERSION,
          served: true,
          storage: true,
          // No status subresource: the store writes spec and status in one optimistic update,
          // so a watcher never sees a new spec with an old status.
          schema: { openAPIV3Schema: schema },
          additionalPrinterColumns: [
            ...columns,
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
    },
  };
}

/**
 * The CustomResourceDefinitions of Lifeboat's hub state (`clusters.lifeboat.dev`,
 * `bindings.lifeboat.dev`), as objects; apply them before starting a controller on the hub.
 * @public
 */
export function lifeboatCrds(): Record<string, unknown>[] {
  return [
    crd('clusters', 'Cluster', 'Cluster', ['lbc'], clusterSchema, [
      { name: 'Region', type: 'string', jsonPath: '.spec.region' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    ]),
    crd('bindings', 'Binding', 'Namespaced', ['lbb'], bindingSchema, [
      { name: 'Workload', type: 'string', jsonPath: '.spec.resource.name' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    ]),
  ];
}

/** The same CRDs as one multi-document YAML (what `crds.yaml` in the package holds). @public */
export function lifeboatCrdManifests(): string {
  return lifeboatCrds()
    .map((c) => stringify(c))
    .join('---\n');
}
