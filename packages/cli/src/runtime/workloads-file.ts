import {
  ValidationError,
  didYouMean,
  parseWith,
  type Binding,
  type FieldIssue,
} from '@lifeboat/core';
import {
  TEMPLATE_ANNOTATION,
  encodeTemplate,
  type Manifest,
  type WorkloadTemplate,
} from '@lifeboat/kubernetes';
import {
  SCENARIO_API_VERSION,
  scenarioSchema,
  workloadBinding,
  workloadShapes,
  type FlavorWorkload,
  type SimulationFlavor,
  type WorkloadEntry,
} from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from '@lifeboat/clusternet/simulation';
import { karmadaSimulationFlavor } from '@lifeboat/karmada/simulation';
import { inFile } from '../commands/in-file';
import { readInputFile } from '../commands/read-input-file';
import { STARTUP_SECONDS_ANNOTATION } from './annotations';
import { CONTROLLER_FLAVORS, type ControllerFlavor } from './controller-config';
import { expandTemplate, readWorkloadDocuments, unusedWorkloadIssues } from './template-workloads';

/** The workload shape of scenario files (`spec.workloads`), reused as is. */
const workloadSchema = scenarioSchema.shape.spec.shape.workloads.element;
type Workload = ReturnType<typeof workloadSchema.parse>;

/** Which workload fields each flavour reads (another flavour's field is an error). */
const FLAVOR_FIELDS: Readonly<Record<ControllerFlavor, readonly string[]>> = {
  karmada: ['placement', 'failover'],
  clusternet: ['subscription'],
};
const ALL_FLAVOR_FIELDS = ['placement', 'failover', 'subscription'];

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A workloads file, checked and turned into the Bindings to store. */
export interface WorkloadsFile {
  readonly flavor: ControllerFlavor;
  readonly bindings: readonly Binding[];
}

/**
 * Reads what `lifeboat apply` takes: a `kind: Workloads` document (or a whole `kind: Scenario`,
 * of which only `spec.flavor` and `spec.workloads` are applied) whose workloads have the scenario
 * file's workload shape and the flavour's placement (`placement`/`failover` for Karmada,
 * `subscription` for Clusternet). Every problem is reported at once with its field path, and
 * nothing is written unless the whole file is valid.
 */
export async function readWorkloadsFile(file: string): Promise<WorkloadsFile> {
  const text = await readInputFile(file);
  return inFile(file, () => {
    const { document, manifests } = readWorkloadDocuments(text);
    return parseWorkloadsDocument(document, manifests);
  });
}

/**
 * Checks a parsed document (see {@link readWorkloadsFile}). A workload may give a `template`
 * instead of the scenario shape's name, kind, replicas and resources: a Deployment or
 * StatefulSet manifest, inline or named among `manifests` (the file's other documents), which
 * then travels with its binding together with the ConfigMaps and Secrets it references.
 */
export function parseWorkloadsDocument(
  document: unknown,
  manifests: readonly Manifest[] = [],
): WorkloadsFile {
  const issues: FieldIssue[] = [];
  if (!isObject(document))
    throw ValidationError.at('', 'expected a mapping with apiVersion, kind: Workloads and spec');
  if (document.apiVersion !== SCENARIO_API_VERSION)
    issues.push({ path: 'apiVersion', message: `must be ${SCENARIO_API_VERSION}` });
  if (document.kind !== 'Workloads' && document.kind !== 'Scenario')
    issues.push({
      path: 'kind',
      message: 'must be Workloads (or Scenario, whose workloads are applied)',
    });
  const spec = isObject(document.spec) ? document.spec : undefined;
  if (!spec) {
    issues.push({ path: 'spec', message: 'required: a mapping with flavor and workloads' });
    throw new ValidationError(issues);
  }
  if (document.kind === 'Workloads') {
    for (const key of Object.keys(spec))
      if (key !== 'flavor' && key !== 'workloads')
        issues.push({
          path: `spec.${key}`,
          message: `unknown field${didYouMean(key, ['flavor', 'workloads'])}; a Workloads document has spec.flavor and spec.workloads`,
        });
  }
  const flavor = CONTROLLER_FLAVORS.find((f) => f === spec.flavor);
  if (!flavor)
    issues.push({
      path: 'spec.flavor',
      message: `must be one of ${CONTROLLER_FLAVORS.join(', ')}`,
    });

  const raws: unknown[] = Array.isArray(spec.workloads) ? spec.workloads : [];
  if (!Array.isArray(spec.workloads))
    issues.push({ path: 'spec.workloads', message: 'required: a list of workloads' });
  else if (raws.length === 0)
    issues.push({ path: 'spec.workloads', message: 'must list at least one workload' });

  // Each workload is checked on its own, so one bad entry does not hide the others' problems.
  const seen = new Map<string, number>();
  const parsed: { w: Workload; path: string; template?: WorkloadTemplate }[] = [];
  const used = new Set<Manifest>();
  raws.forEach((given, i) => {
    const path = `spec.workloads[${i}]`;
    const { raw, template } = expandTemplate(given, manifests, path, issues, used);
    if (flavor && isObject(raw)) {
      for (const field of ALL_FLAVOR_FIELDS) {
        if (raw[field] !== undefined && !FLAVOR_FIELDS[flavor].includes(field)) {
          issues.push({
            path: `${path}.${field}`,
            message: `the ${flavor} flavor does not read "${field}"; it reads ${FLAVOR_FIELDS[flavor].join(' and ')}`,
          });
        }
      }
    }
    let w: Workload;
    try {
      w = parseWith(workloadSchema, raw, path);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
      return;
    }
    const key = `${w.namespace}/${w.name}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        path: `${path}.name`,
        message: `duplicate workload ${key} (also spec.workloads[${first}])`,
      });
    else seen.set(key, i);
    parsed.push({ w, path, ...(template ? { template } : {}) });
  });
  const bindings: Binding[] = [];
  if (flavor) {
    const entries: WorkloadEntry[] = parsed.map(({ w, path }) => ({
      path,
      name: w.name,
      namespace: w.namespace,
      kind: w.kind,
      fields: Object.fromEntries(
        FLAVOR_FIELDS[flavor]
          .filter((f) => w[f as keyof Workload] !== undefined)
          .map((f) => [f, w[f as keyof Workload]]),
      ),
    }));
    workloadShapes(entries, PARSERS[flavor], issues).forEach((shape, i) => {
      const entry = parsed[i];
      if (shape && entry) bindings.push(toBinding(entry.w, shape, entry.template));
    });
  }
  issues.push(...unusedWorkloadIssues(manifests, used));
  if (issues.length > 0 || !flavor) throw new ValidationError(issues);
  return { flavor, bindings };
}

/** The flavour parses its own workload shape, exactly as the simulator reads scenario files. */
const PARSERS: Readonly<Record<ControllerFlavor, SimulationFlavor>> = {
  karmada: karmadaSimulationFlavor,
  clusternet: clusternetSimulationFlavor,
};

function toBinding(
  w: Workload,
  shape: FlavorWorkload,
  template: WorkloadTemplate | undefined,
): Binding {
  return workloadBinding(w, shape, {
    annotations: {
      [STARTUP_SECONDS_ANNOTATION]: String(w.startupSeconds),
      // Real members (`lifeboat controller --members`) apply this; agents ignore it.
      ...(template ? { [TEMPLATE_ANNOTATION]: encodeTemplate(template) } : {}),
    },
  });
}
