import { ValidationError, type FieldIssue } from '@lifeboat/core';
import type {
  ConfiguredFlavor,
  FlavorWorkload,
  SimulationFlavor,
} from '../flavor/simulation-flavor';
import { loadPluginModules } from '../plugins/load-plugin-modules';
import {
  schedulerExtensionIssues,
  type SchedulerExtensions,
} from '../plugins/scheduler-extensions';
import { readScenarioDocument, scenarioIssues } from './parse-scenario';
import type { Scenario } from './scenario-schema';
import { workloadShapes, type WorkloadEntry } from './workload-shapes';

/** A scenario checked against its flavour, ready to run. @public */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly flavor: SimulationFlavor;
  readonly configured: ConfiguredFlavor;
  /** The flavour shape of each workload, in `spec.workloads` order. */
  readonly workloads: readonly FlavorWorkload[];
  /** The plugins `spec.plugins` loaded and `spec.schedulerProfile`, checked against the flavour. */
  readonly extensions: SchedulerExtensions;
}

/** Options of {@link checkScenario} and {@link loadScenario}. @public */
export interface ScenarioLoadOptions {
  /**
   * Where the relative module names of `spec.plugins` are resolved from: the scenario file's
   * directory (default: the working directory).
   */
  readonly directory?: string;
}

const FLAVOR_FIELDS = ['placement', 'failover', 'subscription'] as const;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function collect<T>(issues: FieldIssue[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/**
 * Checks a raw document with the flavour it names: its settings and feature gates, and each
 * workload's flavour shape (fields of another flavour are errors). Returns every problem found,
 * together with the schema's and the cross-reference ones.
 * @public
 */
export function checkScenario(
  document: unknown,
  flavors: readonly SimulationFlavor[],
  options: ScenarioLoadOptions = {},
): { loaded?: LoadedScenario; issues: FieldIssue[] } {
  const { scenario, issues } = scenarioIssues(document);
  const spec = isObject(document) && isObject(document.spec) ? document.spec : {};
  const flavor = flavors.find((f) => f.name === spec.flavor);
  if (!flavor) {
    if (typeof spec.flavor === 'string' && spec.flavor !== '') {
      issues.push({
        path: 'spec.flavor',
        message: `unknown flavor "${spec.flavor}"; expected one of ${flavors.map((f) => f.name).join(', ')}`,
      });
    }
    return { issues };
  }
  const settings = isObject(spec.settings) ? spec.settings : {};
  const gates = isObject(spec.featureGates) ? spec.featureGates : {};
  const configured = collect(issues, () =>
    flavor.configure({ settings, featureGates: gates as Record<string, boolean> }),
  );
  const entries: WorkloadEntry[] = [];
  (Array.isArray(spec.workloads) ? spec.workloads : []).forEach((raw: unknown, i) => {
    if (!isObject(raw)) return;
    const path = `spec.workloads[${i}]`;
    const fields: Loose = {};
    for (const field of FLAVOR_FIELDS) {
      if (raw[field] === undefined) continue;
      if (flavor.workloadFields.includes(field)) fields[field] = raw[field];
      else
        issues.push({
          path: `${path}.${field}`,
          message: `the ${flavor.name} flavor does not read "${field}"; ${flavor.workloadFieldsHint}`,
        });
    }
    entries.push({
      path,
      fields,
      name: typeof raw.name === 'string' ? raw.name : '',
      namespace: typeof raw.namespace === 'string' ? raw.namespace : 'default',
      kind: typeof raw.kind === 'string' ? raw.kind : 'Deployment',
    });
  });
  const workloads = workloadShapes(entries, flavor, issues).filter(
    (shape): shape is FlavorWorkload => shape !== undefined,
  );
  const modules = Array.isArray(spec.plugins) ? spec.plugins : [];
  const { plugins, issues: moduleIssues } = modules.every((m) => typeof m === 'string')
    ? loadPluginModules(modules, options.directory ?? process.cwd())
    : { plugins: [], issues: [] };
  issues.push(...moduleIssues);
  if (!scenario || !configured || issues.length > 0) return { issues };
  const extensions: SchedulerExtensions = {
    plugins,
    ...(scenario.spec.schedulerProfile ? { schedulerProfile: scenario.spec.schedulerProfile } : {}),
  };
  issues.push(...schedulerExtensionIssues(configured, extensions));
  if (issues.length > 0) return { issues };
  return { loaded: { scenario, flavor, configured, workloads, extensions }, issues };
}

/**
 * Parses a scenario file's text (YAML or JSON) and checks it completely, flavour, plugin modules
 * and scheduler profile included.
 * Throws core's `ValidationError` listing every problem, one per line as `path: message`
 * (`spec.events[3].cluster: unknown cluster "member9"`); nothing runs on a bad file.
 * @public
 */
export function loadScenario(
  text: string,
  flavors: readonly SimulationFlavor[],
  options: ScenarioLoadOptions = {},
): LoadedScenario {
  const { loaded, issues } = checkScenario(readScenarioDocument(text), flavors, options);
  if (!loaded) throw new ValidationError(issues);
  return loaded;
}
