import { TAINT_EFFECTS, durationSchema, formatDuration } from '@lifeboat/core';
import { z } from 'zod';
import { resourceListSchema } from './quantity-schema';

/**
 * The longest run a scenario may ask for. A run costs time in proportion to clusters × virtual
 * time (every agent and monitor ticks on its period), so a day of virtual time is the documented
 * ceiling; a longer question is several runs.
 * @public
 */
export const MAX_SCENARIO_DURATION_MS = 24 * 60 * 60 * 1000;

/** The most clusters, workloads and events a scenario may hold. @public */
export const MAX_CLUSTERS = 10_000;
/** @public */
export const MAX_WORKLOADS = 100_000;
/** @public */
export const MAX_EVENTS = 100_000;

/** The most replicas one workload or scale event may ask for (the virtual fleet keeps a record per replica). @public */
export const MAX_REPLICAS = 100_000;

/** The `apiVersion` of scenario files. @public */
export const SCENARIO_API_VERSION = 'lifeboat.dev/v1alpha1';

/** The flavours the `lifeboat` CLI ships, offered to editors as completions. @public */
export const KNOWN_FLAVOR_NAMES = ['karmada', 'clusternet'] as const;

const dnsLabel = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit',
  );

const dnsSubdomain = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'must be a DNS subdomain: lower-case letters, digits, "-" and "."',
  );

const effectSchema = z.enum(TAINT_EFFECTS as unknown as [string, ...string[]]);

const taintSchema = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: effectSchema,
});

const clusterSchema = z.strictObject({
  name: dnsLabel.meta({ description: 'Unique cluster name.' }),
  region: z.string().min(1).optional(),
  zones: z.array(z.string().min(1)).optional(),
  provider: z.string().min(1).optional(),
  labels: z.record(z.string().min(1), z.string()).optional(),
  capacity: resourceListSchema.optional().meta({
    description: 'Total resources of the cluster, as Kubernetes quantities (cpu, memory, pods).',
  }),
  taints: z.array(taintSchema).optional().meta({ description: 'Taints the cluster starts with.' }),
  syncMode: z.enum(['Push', 'Pull']).optional().meta({
    description:
      "How the control plane reaches the cluster (Karmada): Push probes its API server, Pull has an agent renew a lease. Default: the flavour's.",
  }),
});

const flavorShape = z.record(z.string(), z.unknown());

const workloadSchema = z.strictObject({
  name: dnsSubdomain,
  namespace: dnsLabel.default('default'),
  kind: z
    .string()
    .min(1)
    .default('Deployment')
    .meta({ description: 'Kind of the workload (for the report only).' }),
  labels: z.record(z.string().min(1), z.string()).optional().meta({
    description:
      "The resource template's labels (what Karmada's workloadAffinity groupByLabelKey reads).",
  }),
  replicas: z
    .number()
    .int('must be a whole number')
    .nonnegative('must be >= 0')
    .max(MAX_REPLICAS, `must be at most ${MAX_REPLICAS}`),
  resources: resourceListSchema.optional().meta({ description: 'What one replica requests.' }),
  startupSeconds: z
    .number()
    .nonnegative()
    .default(10)
    .meta({ description: 'Seconds from placement to ready.' }),
  placement: flavorShape
    .optional()
    .meta({ description: 'karmada: the PropagationPolicy spec.placement.' }),
  failover: flavorShape
    .optional()
    .meta({ description: 'karmada: the PropagationPolicy spec.failover.' }),
  subscription: flavorShape.optional().meta({ description: 'clusternet: the Subscription spec.' }),
});

const pluginSetSchema = z.strictObject({
  enabled: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        weight: z
          .number()
          .int('weights are whole numbers')
          .positive('weights are positive (disable the plugin instead of weighting it 0)')
          .optional()
          .meta({ description: "Multiplies the plugin's scores (score point only; default 1)." }),
      }),
    )
    .optional()
    .meta({ description: "Plugins to run at this point, appended after the flavour's." }),
  disabled: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Flavour plugins to drop at this point ("*": all of them).' }),
});

/** `spec.schedulerProfile`: merged into the flavour's profile as core's `mergeProfiles` does. */
const schedulerProfileSchema = z.strictObject({
  schedulerName: z.string().min(1).optional(),
  plugins: z.record(z.string().min(1), pluginSetSchema).optional().meta({
    description:
      "Per extension point (preFilter, filter, postFilter, preScore, score, reserve, or a flavour's own such as predict).",
  }),
  pluginConfig: z
    .array(z.strictObject({ name: z.string().min(1), args: z.unknown() }))
    .optional()
    .meta({ description: "Arguments per plugin; replace the flavour's for the same name." }),
});

const GO_DURATION = 'a Go duration (90s, 2m, 1m30s, 1.5h) or a number of seconds';

const at = durationSchema().meta({
  description: `Virtual time from the start of the run when the event applies: ${GO_DURATION}.`,
});
const workloadRef = z
  .string()
  .min(1)
  .meta({ description: 'namespace/name, or name in the default namespace.' });

const eventSchema = z.discriminatedUnion('action', [
  z.strictObject({
    at,
    action: z.literal('fail').meta({ description: 'The cluster and its agent go dark.' }),
    cluster: z.string(),
  }),
  z.strictObject({
    at,
    action: z.literal('recover').meta({ description: 'The cluster and its agent are back.' }),
    cluster: z.string(),
  }),
  z.strictObject({
    at,
    action: z
      .literal('degrade')
      .meta({ description: 'The API server answers but /readyz is not ok.' }),
    cluster: z.string(),
  }),
  z.strictObject({
    at,
    action: z
      .literal('cordon')
      .meta({ description: 'An operator taints the cluster for maintenance.' }),
    cluster: z.string(),
    key: z.string().min(1).optional().meta({ description: "Default: the flavour's cordon key." }),
    value: z.string().optional(),
    effect: effectSchema.default('NoSchedule'),
  }),
  z.strictObject({
    at,
    action: z.literal('uncordon').meta({
      description:
        'An operator removes the taints cordon added (only those with `key` when given).',
    }),
    cluster: z.string(),
    key: z.string().min(1).optional(),
  }),
  z.strictObject({
    at,
    action: z.literal('scale').meta({ description: 'An operator sets the workload replicas.' }),
    workload: workloadRef,
    replicas: z
      .number()
      .int('must be a whole number')
      .nonnegative('must be >= 0')
      .max(MAX_REPLICAS, `must be at most ${MAX_REPLICAS}`),
  }),
  z.strictObject({
    at,
    action: z.literal('unhealthy').meta({ description: 'The application fails on that cluster.' }),
    workload: workloadRef,
    cluster: z.string(),
  }),
]);

/**
 * The scenario file (SCENARIO.md): a fleet, its workloads, and the faults to inject over a run.
 * Unknown fields are errors everywhere except inside a workload's flavour shapes, which the
 * flavour checks.
 * @public
 */
export const scenarioSchema = z
  .strictObject({
    apiVersion: z.literal(SCENARIO_API_VERSION),
    kind: z.literal('Scenario'),
    metadata: z.strictObject({
      name: z.string().min(1),
      description: z.string().optional(),
    }),
    spec: z.strictObject({
      flavor: z
        .string()
        .min(1)
        .meta({ description: 'The controllers under test.', examples: [...KNOWN_FLAVOR_NAMES] }),
      seed: z
        .number()
        .int()
        .nonnegative()
        .default(1)
        .meta({ description: 'Same file + seed => identical report.' }),
      duration: durationSchema({ min: '1s', max: MAX_SCENARIO_DURATION_MS }).meta({
        description: `Virtual time to run: ${GO_DURATION}, from 1s to ${formatDuration(MAX_SCENARIO_DURATION_MS)}.`,
      }),
      featureGates: z.record(z.string().min(1), z.boolean()).default({}),
      settings: z.record(z.string().min(1), z.unknown()).default({}).meta({
        description:
          "The flavour's flag names in camelCase (clusterFailureThreshold: 30s); unknown names are errors.",
      }),
      plugins: z
        .array(z.string().min(1))
        .default([])
        .meta({
          description:
            'Plugin modules to load, relative to the scenario file: each exports `plugins`, an array of scheduler plugin registrations.',
          examples: [['./cost-aware.js']],
        }),
      schedulerProfile: schedulerProfileSchema.optional().meta({
        description:
          "Changes to the flavour's scheduler profile: plugins to enable or disable per extension point, with weights and arguments.",
      }),
      clusters: z.array(clusterSchema).min(1).max(MAX_CLUSTERS, `at most ${MAX_CLUSTERS} clusters`),
      workloads: z
        .array(workloadSchema)
        .min(1)
        .max(MAX_WORKLOADS, `at most ${MAX_WORKLOADS} workloads`),
      events: z.array(eventSchema).max(MAX_EVENTS, `at most ${MAX_EVENTS} events`).default([]),
    }),
  })
  .meta({
    title: 'Lifeboat scenario',
    description:
      'A fleet, its workloads and the faults to inject, run in virtual time by `lifeboat simulate`.',
  });

/** A scenario as written (before defaults). @public */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with defaults filled in; durations in seconds. @public */
export type Scenario = z.output<typeof scenarioSchema>;
/** One cluster of a scenario. @public */
export type ScenarioCluster = Scenario['spec']['clusters'][number];
/** One workload of a scenario. @public */
export type ScenarioWorkload = Scenario['spec']['workloads'][number];
/** One fault event of a scenario. @public */
export type ScenarioEvent = Scenario['spec']['events'][number];
/** The names of the event actions. @public */
export type ScenarioAction = ScenarioEvent['action'];
