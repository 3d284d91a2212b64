import { z } from 'zod';
import { EXTENSION_POINTS } from '../contracts/scheduler-plugins';
import { token } from '../contracts/token';
import { parseWith } from '../validation/parse';

/** A plugin enabled at a point; `weight` only matters at `score` (default 1). @public */
export interface PluginSetEntry {
  readonly name: string;
  readonly weight?: number;
}

/**
 * The plugins of one extension point: `enabled` in order; `disabled` names to drop from a base
 * profile (`'*'` drops them all) when merging.
 * @public
 */
export interface PluginSet {
  readonly enabled?: readonly PluginSetEntry[];
  readonly disabled?: readonly string[];
}

/**
 * Which plugins run at which extension point, in what order and with what weight, plus their
 * arguments (kube-scheduler's profile). Keys of `plugins` are the standard points
 * (`preFilter`, `filter`, `postFilter`, `preScore`, `score`, `reserve`) or points a flavour
 * defines (e.g. Clusternet's `predict`, declared by its plugins' registrations); any other key
 * is an error when the framework is built, as are unregistered plugin names and args a plugin
 * rejects, each reported at its field path (`plugins.fitler`, `pluginConfig[0].args.foo`).
 * @public
 */
export interface SchedulerProfile {
  readonly schedulerName: string;
  readonly plugins: Readonly<Record<string, PluginSet>>;
  readonly pluginConfig?: readonly { readonly name: string; readonly args: unknown }[];
}

/** The active profile (a flavour registers its default; users register theirs after). @public */
export const SCHEDULER_PROFILE = token<SchedulerProfile>('SchedulerProfile');

const entrySchema = z.strictObject({
  name: z.string().min(1),
  weight: z
    .number()
    .int('weights are whole numbers')
    .positive('weights are positive (disable the plugin instead of weighting it 0)')
    .optional(),
});
const pluginSetSchema = z.strictObject({
  enabled: z.array(entrySchema).optional(),
  disabled: z.array(z.string()).optional(),
});

/**
 * Schema of changes to a profile as users write them (YAML/JSON) for `mergeProfiles`: every
 * field optional and any point name, since which points exist is known only once the plugins
 * are registered; the framework checks the merged profile when it is built.
 * @public
 */
export const schedulerProfileOverridesSchema = z.strictObject({
  schedulerName: z.string().min(1).optional(),
  plugins: z.record(z.string().min(1), pluginSetSchema).optional(),
  pluginConfig: z.array(z.strictObject({ name: z.string().min(1), args: z.unknown() })).optional(),
});

/**
 * Schema of a profile whose `plugins` may name only `points` (an unknown key is reported at
 * `plugins.<key>` with the points it may be).
 * @public
 */
export function profileSchemaFor(points: readonly string[]) {
  const known = new Set(points);
  return z.strictObject({
    schedulerName: z.string().min(1),
    plugins: z.record(z.string(), pluginSetSchema).superRefine((plugins, ctx) => {
      for (const point of Object.keys(plugins)) {
        if (known.has(point)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [point],
          message: `unknown extension point "${point}"; the points are ${points.join(', ')}`,
        });
      }
    }),
    pluginConfig: z
      .array(z.strictObject({ name: z.string().min(1), args: z.unknown() }))
      .optional(),
  });
}

/** Schema of a profile over core's standard extension points, as users write it (YAML/JSON). @public */
export const schedulerProfileSchema = profileSchemaFor(EXTENSION_POINTS);

/**
 * Validates a user-written profile; errors name the field path under `path`. Pass the points a
 * flavour adds (e.g. `CLUSTERNET_EXTENSION_POINTS`) as `points`; the default is core's.
 * @public
 */
export function parseSchedulerProfile(
  input: unknown,
  path = '',
  points: readonly string[] = EXTENSION_POINTS,
): SchedulerProfile {
  return parseWith(profileSchemaFor(points), input, path);
}

/**
 * `base` changed by `overrides`, per point as kube-scheduler merges plugin sets: the base's
 * enabled plugins minus the override's `disabled` (`'*'`: all), an override entry naming a kept
 * plugin replaces it in place (new weight), other override entries are appended in order.
 * Plugin args in the override replace the base's for the same name. Order a plugin declares
 * (`SchedulerPlugin.order`, e.g. Karmada's ClusterAffinity runs last at `filter`) is applied by
 * the framework afterwards, so an appended plugin still runs before such a plugin.
 * @public
 */
export function mergeProfiles(
  base: SchedulerProfile,
  overrides: Partial<SchedulerProfile>,
): SchedulerProfile {
  const plugins: Record<string, PluginSet> = { ...base.plugins };
  for (const [point, set] of Object.entries(overrides.plugins ?? {})) {
    const disabled = new Set(set.disabled ?? []);
    const kept = disabled.has('*')
      ? []
      : (base.plugins[point]?.enabled ?? []).filter((e) => !disabled.has(e.name));
    const merged = [...kept];
    for (const entry of set.enabled ?? []) {
      const at = merged.findIndex((e) => e.name === entry.name);
      if (at >= 0) merged[at] = entry;
      else merged.push(entry);
    }
    plugins[point] = { enabled: merged };
  }
  const config = new Map((base.pluginConfig ?? []).map((c) => [c.name, c]));
  for (const c of overrides.pluginConfig ?? []) config.set(c.name, c);
  return {
    schedulerName: overrides.schedulerName ?? base.schedulerName,
    plugins,
    pluginConfig: [...config.values()],
  };
}
