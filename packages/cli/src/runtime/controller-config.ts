import { dirname, resolve } from 'node:path';
import {
  ValidationError,
  checkWith,
  didYouMean,
  durationSchema,
  schedulerProfileOverridesSchema,
  zodIssues,
  type FieldIssue,
} from '@lifeboat/core';
import {
  CLUSTERNET_LIFEBOAT_SETTINGS,
  parseClusternetOptions,
  type ClusternetOptionsInput,
} from '@lifeboat/clusternet';
import { parseKarmadaOptions, type KarmadaOptionsInput } from '@lifeboat/karmada';
import {
  loadPluginModules,
  readScenarioDocument,
  schedulerExtensionIssues,
  type SchedulerExtensions,
} from '@lifeboat/simulator';
import { inFile } from '../commands/in-file';
import { readInputFile } from '../commands/read-input-file';
import { parseEtcdSection, type EtcdConfigSection } from './controller-etcd-config';
import { MIN_PERIOD_MS } from './flag-parsers';
import { registerControllerFlavor } from './register-controller-flavor';

/** The flavours a controller can run. */
export const CONTROLLER_FLAVORS = ['karmada', 'clusternet'] as const;
/** @public */
export type ControllerFlavor = (typeof CONTROLLER_FLAVORS)[number];

/** What `lifeboat controller --config FILE` holds, validated; durations in ms. */
export interface ControllerConfig {
  /** The flavour's registration input, exactly what `registerKarmada`/`registerClusternet` take. */
  readonly flavorInput: KarmadaOptionsInput | ClusternetOptionsInput;
  /** Election lease TTL in whole seconds: how long a dead leader blocks the standby. */
  readonly leaseTtlSeconds: number;
  /** How long the leader leads without a successful renewal (default two thirds of the TTL). */
  readonly renewDeadlineMs?: number;
  /** How often a standby retries when no deletion of the election key woke it. */
  readonly retryPeriodMs: number;
  /** Karmada: timeout of one `/readyz` probe of a member. */
  readonly probeTimeoutMs: number;
  /** Scheduler plugins loaded from `plugins` and the `schedulerProfile` changes, registered after the flavour. */
  readonly extensions: SchedulerExtensions;
  /** The `etcd:` section: connection settings, overridden by the etcd flags. */
  readonly etcd?: EtcdConfigSection;
}

const TOP_LEVEL = [
  'settings',
  'featureGates',
  'leaderElection',
  'probeTimeout',
  'plugins',
  'schedulerProfile',
  'etcd',
] as const;
const ELECTION = ['leaseDuration', 'renewDeadline', 'retryPeriod'] as const;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `--config FILE` (YAML or JSON):
 *
 * ```yaml
 * settings:                      # the flavour's flags in camelCase, as a scenario's spec.settings
 *   clusterFailureThreshold: 30s
 * featureGates: {Failover: true}
 * leaderElection: {leaseDuration: 10s, renewDeadline: 6s, retryPeriod: 2s}
 * probeTimeout: 5s               # karmada: one /readyz probe of a member
 * plugins: [./cost-aware.js]     # scheduler plugin modules, relative to this file
 * schedulerProfile:              # merged into the flavour's profile (core's mergeProfiles)
 *   plugins: {score: {enabled: [{name: CostAware, weight: 2}]}}
 * etcd: {endpoints: [https://etcd.example:2379], ca: ca.crt}  # see controller-etcd-config
 * ```
 *
 * Every problem is reported at once with its path (`settings.clusterFailureThreshold: ...`,
 * `plugins[0]: cannot find module "./cost-aware.js"`), plugin modules and profile included: the
 * flavour's scheduler framework is built once with them before any election.
 */
export async function readControllerConfig(
  file: string | undefined,
  flavor: ControllerFlavor,
): Promise<ControllerConfig> {
  if (file === undefined) return parseControllerConfig({}, flavor, process.cwd());
  const text = await readInputFile(file, '--config');
  return inFile(file, () =>
    parseControllerConfig(readScenarioDocument(text) ?? {}, flavor, dirname(resolve(file))),
  );
}

/**
 * Validates a config document (see {@link readControllerConfig}); plugin modules resolve from
 * `directory` (the config file's).
 */
export function parseControllerConfig(
  document: unknown,
  flavor: ControllerFlavor,
  /** Where relative file names in the config are resolved (the config file's directory). */
  directory = process.cwd(),
): ControllerConfig {
  const issues: FieldIssue[] = [];
  if (!isObject(document))
    throw ValidationError.at('', `the config must be a mapping (${TOP_LEVEL.join(', ')})`);
  for (const key of Object.keys(document))
    if (!(TOP_LEVEL as readonly string[]).includes(key))
      issues.push({
        path: key,
        message: `unknown field${didYouMean(key, TOP_LEVEL)}; expected one of ${TOP_LEVEL.join(', ')}`,
      });
  const settings = optionalObject(document, 'settings', issues);
  const featureGates = optionalObject(document, 'featureGates', issues);
  const election = optionalObject(document, 'leaderElection', issues);
  for (const key of Object.keys(election))
    if (!(ELECTION as readonly string[]).includes(key))
      issues.push({
        path: `leaderElection.${key}`,
        message: `unknown field${didYouMean(key, ELECTION)}; expected one of ${ELECTION.join(', ')}`,
      });

  const ttlMs = duration(election.leaseDuration, 'leaderElection.leaseDuration', issues) ?? 10_000;
  if (ttlMs % 1000 !== 0 || ttlMs < 1000)
    issues.push({
      path: 'leaderElection.leaseDuration',
      message: 'must be a whole number of seconds, at least 1s (an etcd lease TTL)',
    });
  const renewDeadlineMs = duration(election.renewDeadline, 'leaderElection.renewDeadline', issues);
  if (renewDeadlineMs !== undefined && renewDeadlineMs >= ttlMs)
    issues.push({
      path: 'leaderElection.renewDeadline',
      message: 'must be shorter than leaderElection.leaseDuration',
    });
  const retryPeriodMs =
    duration(election.retryPeriod, 'leaderElection.retryPeriod', issues) ?? 2_000;
  const probeTimeoutMs = duration(document.probeTimeout, 'probeTimeout', issues) ?? 5_000;

  const flavorInput = flavorInputOf(flavor, settings, featureGates, issues);
  const etcd = parseEtcdSection(document.etcd, directory, issues);
  const extensions = extensionsOf(document, directory, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  const checked = { flavorInput, probeTimeoutMs, extensions };
  issues.push(
    ...schedulerExtensionIssues(
      // The flavour alone: the check registers the extensions itself.
      {
        register: (child) =>
          registerControllerFlavor(child, flavor, { ...checked, extensions: {} }),
      },
      extensions,
      { plugins: 'plugins', schedulerProfile: 'schedulerProfile' },
    ),
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    ...checked,
    leaseTtlSeconds: ttlMs / 1000,
    ...(renewDeadlineMs === undefined ? {} : { renewDeadlineMs }),
    retryPeriodMs,
    ...(etcd ? { etcd } : {}),
  };
}

/** `plugins` loaded from `directory` and `schedulerProfile` checked for shape; problems go to `issues`. */
function extensionsOf(
  document: Loose,
  directory: string,
  issues: FieldIssue[],
): SchedulerExtensions {
  let plugins: SchedulerExtensions['plugins'] = [];
  const modules = document.plugins;
  if (modules !== undefined && modules !== null) {
    if (!Array.isArray(modules) || !modules.every((m) => typeof m === 'string' && m !== ''))
      issues.push({
        path: 'plugins',
        message:
          'must be a list of module names (./my-plugin.js, relative to this file, or a package)',
      });
    else {
      const loaded = loadPluginModules(modules, directory, 'plugins');
      issues.push(...loaded.issues);
      plugins = loaded.plugins;
    }
  }
  if (document.schedulerProfile === undefined || document.schedulerProfile === null)
    return { plugins };
  const profile = schedulerProfileOverridesSchema.safeParse(document.schedulerProfile);
  if (!profile.success) {
    issues.push(...zodIssues(profile.error, 'schedulerProfile'));
    return { plugins };
  }
  return { plugins, schedulerProfile: profile.data };
}

/** The flavour's own parser checks the settings now, so a bad config fails before any election. */
function flavorInputOf(
  flavor: ControllerFlavor,
  settings: Loose,
  featureGates: Loose,
  issues: FieldIssue[],
): KarmadaOptionsInput | ClusternetOptionsInput {
  try {
    if (flavor === 'karmada') {
      const input = { ...settings, featureGates } as KarmadaOptionsInput;
      parseKarmadaOptions(input);
      return input;
    }
    const failover: Loose = {};
    const flags: Loose = {};
    for (const [name, value] of Object.entries(settings))
      (CLUSTERNET_LIFEBOAT_SETTINGS.has(name) ? failover : flags)[name] = value;
    const input = { featureGates, settings: flags, failover } as ClusternetOptionsInput;
    parseClusternetOptions(input);
    return input;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) {
      // Both parsers name fields by their own layout; the config file has one `settings` map.
      const path = issue.path.replace(/^(settings|failover)\./, '');
      issues.push({
        ...issue,
        path: path.startsWith('featureGates') ? path : `settings.${path}`.replace(/\.$/, ''),
      });
    }
    return {};
  }
}

function optionalObject(document: Loose, key: string, issues: FieldIssue[]): Loose {
  const value = document[key];
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  issues.push({ path: key, message: 'must be a mapping' });
  return {};
}

// Election periods and the probe timeout must let time pass: 0 or 1 ms would spin.
const positiveDuration = durationSchema({ min: MIN_PERIOD_MS });

function duration(value: unknown, path: string, issues: FieldIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const result = checkWith(positiveDuration, value, path);
  if (result.success) return result.data;
  issues.push(...result.issues);
  return undefined;
}
