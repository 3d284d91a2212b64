import {
  SCHEDULER_FRAMEWORK,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  ValidationError,
  VirtualClock,
  WiringError,
  mergeProfiles,
  register,
  registerAll,
  registerCore,
  resolve,
  type FieldIssue,
  type PluginRegistration,
  type SchedulerProfile,
} from '@lifeboat/core';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { ConfiguredFlavor } from '../flavor/simulation-flavor';

/**
 * Scheduler plugins of your own and changes to the flavour's scheduler profile, for a run:
 * `plugins` are registered beside the flavour's, `schedulerProfile` is merged into the
 * flavour's profile with core's `mergeProfiles` (appended after the flavour's plugins at each
 * point; `disabled` drops some or, with `'*'`, all of them; args replace the flavour's).
 * @public
 */
export interface SchedulerExtensions {
  readonly plugins?: readonly PluginRegistration[];
  readonly schedulerProfile?: Partial<SchedulerProfile>;
}

/** Where a problem of each part of the extensions is reported (field paths). @public */
export interface ExtensionPaths {
  /** Of `plugins` (default `spec.plugins`): a name clash with the flavour's plugins. */
  readonly plugins: string;
  /** Of `schedulerProfile` (default `spec.schedulerProfile`). */
  readonly schedulerProfile: string;
}

const SCENARIO_PATHS: ExtensionPaths = {
  plugins: 'spec.plugins',
  schedulerProfile: 'spec.schedulerProfile',
};

/**
 * Registers `extensions` into `container`, after the flavour: the plugins under
 * `SCHEDULER_PLUGINS` and the flavour's profile merged with `schedulerProfile` as the
 * `SCHEDULER_PROFILE`. Registers nothing when both are empty.
 * @public
 */
export function registerSchedulerExtensions(
  container: DependencyContainer,
  extensions: SchedulerExtensions,
): void {
  registerAll(
    container,
    SCHEDULER_PLUGINS,
    (extensions.plugins ?? []).map((plugin) => ({ useValue: plugin })),
  );
  const overrides = extensions.schedulerProfile;
  if (overrides === undefined) return;
  const base = resolve(container, SCHEDULER_PROFILE);
  register(container, SCHEDULER_PROFILE, { useValue: mergeProfiles(base, overrides) });
}

const indexOf = (entries: readonly { name: string }[] | undefined, name: string | undefined) =>
  entries?.findIndex((e) => e.name === name) ?? -1;

/**
 * Moves a problem the framework found in the merged profile to the entry of `overrides` it came
 * from (matched by plugin name, since merging renumbers entries).
 */
function overridePath(
  path: string,
  merged: SchedulerProfile,
  overrides: Partial<SchedulerProfile>,
  base: string,
): string {
  const enabled = /^plugins\.([^.[]+)\.enabled\[(\d+)\](.*)$/.exec(path);
  if (enabled) {
    const [, point = '', k = '', rest = ''] = enabled;
    const name = merged.plugins[point]?.enabled?.[Number(k)]?.name;
    const j = indexOf(overrides.plugins?.[point]?.enabled, name);
    return j >= 0 ? `${base}.plugins.${point}.enabled[${j}]${rest}` : `${base}.plugins.${point}`;
  }
  const config = /^pluginConfig\[([^\]]+)\](.*)$/.exec(path);
  if (config) {
    const [, at = '', rest = ''] = config;
    const name = /^\d+$/.test(at) ? merged.pluginConfig?.[Number(at)]?.name : at;
    const j = indexOf(overrides.pluginConfig, name);
    return j >= 0 ? `${base}.pluginConfig[${j}]${rest}` : `${base}.pluginConfig`;
  }
  return path ? `${base}.${path}` : base;
}

/**
 * Checks `extensions` against a configured flavour without running anything: builds the
 * scheduler framework the run would build (the flavour's plugins and profile, then the
 * extensions) and returns every problem at its field path under `paths`, e.g.
 * `spec.schedulerProfile.plugins.fitler` (an unknown extension point),
 * `spec.schedulerProfile.plugins.score.enabled[0].name` (no such plugin), or
 * `spec.schedulerProfile.pluginConfig[0].args.label` (args the plugin's factory rejects).
 * @public
 */
export function schedulerExtensionIssues(
  configured: Pick<ConfiguredFlavor, 'register'>,
  extensions: SchedulerExtensions,
  paths: ExtensionPaths = SCENARIO_PATHS,
): FieldIssue[] {
  if (!extensions.plugins?.length && extensions.schedulerProfile === undefined) return [];
  const container = rootContainer.createChildContainer();
  try {
    // Nothing runs, so nothing logs: core's default logger is never written to.
    registerCore(container, { clock: new VirtualClock(0) });
    configured.register(container);
    registerSchedulerExtensions(container, extensions);
    resolve(container, SCHEDULER_FRAMEWORK);
    return [];
  } catch (error) {
    if (error instanceof WiringError) return [{ path: paths.plugins, message: error.message }];
    if (!(error instanceof ValidationError)) throw error;
    const merged = resolve(container, SCHEDULER_PROFILE);
    const overrides = extensions.schedulerProfile ?? {};
    return error.issues.map((issue) => ({
      ...issue,
      path: overridePath(issue.path, merged, overrides, paths.schedulerProfile),
    }));
  } finally {
    void container.dispose();
  }
}
