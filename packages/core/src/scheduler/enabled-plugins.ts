import {
  EXTENSION_POINTS,
  type FrameworkHandle,
  type PluginRegistration,
  type SchedulerPlugin,
  type StandardExtensionPoint,
} from '../contracts/scheduler-plugins';
import { ValidationError, type FieldIssue } from '../errors/validation-error';
import { WiringError } from '../errors/wiring-error';
import { parseWith } from '../validation/parse';
import { profileSchemaFor, type SchedulerProfile } from './profile';

/** A plugin as the profile enabled it at one point. @public */
export interface EnabledPlugin<P extends SchedulerPlugin = SchedulerPlugin> {
  readonly plugin: P;
  readonly weight: number;
}

const STANDARD_POINTS: ReadonlySet<string> = new Set(EXTENSION_POINTS);

function isStandardPoint(point: string): point is StandardExtensionPoint {
  return STANDARD_POINTS.has(point);
}

function implementsPoint(plugin: SchedulerPlugin, point: StandardExtensionPoint): boolean {
  return typeof (plugin as unknown as Record<string, unknown>)[point] === 'function';
}

/** Every registration by name. @throws WiringError when two share a name. */
function byName(registrations: readonly PluginRegistration[]): Map<string, PluginRegistration> {
  const map = new Map<string, PluginRegistration>();
  for (const registration of registrations) {
    if (map.has(registration.name)) {
      throw new WiringError(
        `two scheduler plugins are registered as "${registration.name}"; plugin names must be unique`,
      );
    }
    map.set(registration.name, registration);
  }
  return map;
}

/** The points a profile may name: the standard ones and those the registrations declare. */
function knownPoints(registrations: readonly PluginRegistration[]): string[] {
  const points = new Set<string>(EXTENSION_POINTS);
  for (const registration of registrations)
    for (const point of registration.extensionPoints ?? []) points.add(point);
  return [...points];
}

/** A factory's own validation problems, located under the profile's `pluginConfig` entry. */
function argIssues(error: ValidationError, base: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path ? `${base}.${issue.path}` : base,
    message: issue.message,
  }));
}

/**
 * The plugins `profile` enables at each point, in order, built from `registrations`: each
 * plugin is constructed once, with its `pluginConfig` args, even when it serves several points.
 * Plugins that declare an `order` at a point are moved to its start or end.
 * @throws ValidationError listing every problem of the profile at its field path: an unknown
 * extension point (`plugins.fitler`), an unregistered plugin (`plugins.filter.enabled[1].name`),
 * a plugin enabled twice at a point or at a standard point whose method it lacks, a weight that
 * is not a positive integer, a `pluginConfig` entry for no registered plugin, or args its
 * factory rejects (`pluginConfig[0].args.foo`).
 * @throws WiringError when two registrations share a name or two plugins ask for the same end
 * of one point.
 * @internal
 */
export function enablePlugins(
  registrations: readonly PluginRegistration[],
  profile: SchedulerProfile,
  handle: FrameworkHandle,
): Map<string, EnabledPlugin[]> {
  const registered = byName(registrations);
  parseWith(profileSchemaFor(knownPoints(registrations)), profile);
  const issues: FieldIssue[] = [];
  const configAt = new Map<string, number>();
  (profile.pluginConfig ?? []).forEach(({ name }, i) => {
    const path = `pluginConfig[${i}].name`;
    if (!registered.has(name)) issues.push({ path, message: `no plugin "${name}" is registered` });
    else if (configAt.has(name))
      issues.push({
        path,
        message: `plugin "${name}" has args already at pluginConfig[${configAt.get(name)}]`,
      });
    else configAt.set(name, i);
  });
  const built = new Map<string, SchedulerPlugin | undefined>();
  const build = (registration: PluginRegistration): SchedulerPlugin | undefined => {
    if (built.has(registration.name)) return built.get(registration.name);
    const at = configAt.get(registration.name);
    const args = at === undefined ? undefined : profile.pluginConfig?.[at]?.args;
    let plugin: SchedulerPlugin | undefined;
    try {
      plugin = registration.factory(args, handle);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...argIssues(error, `pluginConfig[${at ?? registration.name}].args`));
    }
    built.set(registration.name, plugin);
    return plugin;
  };

  const points = new Map<string, EnabledPlugin[]>();
  for (const [point, set] of Object.entries(profile.plugins)) {
    const enabled: EnabledPlugin[] = [];
    const seen = new Set<string>();
    (set.enabled ?? []).forEach((entry, k) => {
      const path = `plugins.${point}.enabled[${k}]`;
      const registration = registered.get(entry.name);
      if (!registration) {
        issues.push({
          path: `${path}.name`,
          message:
            `no plugin "${entry.name}" is registered; ` +
            'register it under SCHEDULER_PLUGINS or remove it from the profile',
        });
        return;
      }
      if (seen.has(entry.name)) {
        issues.push({
          path: `${path}.name`,
          message: `plugin "${entry.name}" is enabled twice at ${point}; list each plugin once per point`,
        });
        return;
      }
      seen.add(entry.name);
      const plugin = build(registration);
      if (!plugin) return;
      if (isStandardPoint(point) && !implementsPoint(plugin, point)) {
        issues.push({
          path: `${path}.name`,
          message: `plugin "${entry.name}" has no ${point}() method, so it cannot run at ${point}`,
        });
        return;
      }
      enabled.push({ plugin, weight: entry.weight ?? 1 });
    });
    points.set(point, enabled);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  for (const [point, enabled] of points) points.set(point, inDeclaredOrder(point, enabled));
  return points;
}

/**
 * `enabled` with the plugin that declares it runs first at `point` moved to the start and the
 * one that runs last moved to the end; the others keep the profile's order.
 * @throws WiringError when two plugins ask for the same end.
 */
function inDeclaredOrder(point: string, enabled: EnabledPlugin[]): EnabledPlugin[] {
  const at = (end: 'first' | 'last') => {
    const asking = enabled.filter((e) => e.plugin.order?.[point] === end);
    if (asking.length > 1) {
      const names = asking.map((e) => `"${e.plugin.name}"`).join(' and ');
      throw new WiringError(
        `plugins ${names} each declare that they run ${end} at ${point}; only one can: disable the others at ${point}`,
      );
    }
    return asking;
  };
  const first = at('first');
  const last = at('last');
  if (first.length === 0 && last.length === 0) return enabled;
  const middle = enabled.filter((e) => !first.includes(e) && !last.includes(e));
  return [...first, ...middle, ...last];
}
