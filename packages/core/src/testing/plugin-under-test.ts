import {
  EXTENSION_POINTS,
  type FrameworkHandle,
  type PluginRegistration,
  type SchedulerPlugin,
} from '../contracts/scheduler-plugins';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { SchedulerProfile } from '../scheduler/profile';
import { generateBindings, generateFleet } from './generated-fleet';
import type { PluginConformanceOptions } from './plugin-conformance-options';
import { SeededRandom } from './seeded-random';

/** The handle plugins under test get: time stands at `options.now`. @internal */
export function handleOf(options: PluginConformanceOptions): FrameworkHandle {
  const now = options.now ?? 0;
  return { now: () => now };
}

function hasMethod(plugin: SchedulerPlugin, method: string): boolean {
  return typeof (plugin as unknown as Record<string, unknown>)[method] === 'function';
}

/** The standard points `plugin` implements and the declared points it has a method for. @internal */
export function pointsOf(registration: PluginRegistration, plugin: SchedulerPlugin): string[] {
  const declared = registration.extensionPoints ?? [];
  return [...EXTENSION_POINTS, ...declared].filter((point) => hasMethod(plugin, point));
}

/** A profile enabling only the plugin, at `points`, with `args` when given. @internal */
export function soloProfile(
  name: string,
  points: readonly string[],
  args?: unknown,
): SchedulerProfile {
  return {
    schedulerName: 'plugin-conformance',
    plugins: Object.fromEntries(points.map((point) => [point, { enabled: [{ name }] }])),
    ...(args === undefined ? {} : { pluginConfig: [{ name, args }] }),
  };
}

/** One generated fleet with its bindings. @internal */
export interface GeneratedCase {
  /** `fleet 3 (seed 1)`: enough to replay it. */
  readonly label: string;
  readonly clusters: Cluster[];
  readonly bindings: Binding[];
}

/** The fleets the point and equivalence checks run over, reproducible from the seed. @internal */
export function generatedCases(options: PluginConformanceOptions): GeneratedCase[] {
  const seed = options.seed ?? 1;
  return Array.from({ length: options.fleets ?? 8 }, (_, i) => {
    const random = new SeededRandom(seed * 7919 + i);
    const clusters = generateFleet(random, options.fleet);
    const bindings = (options.bindings ?? generateBindings)(random, clusters);
    return { label: `fleet ${i} (seed ${seed})`, clusters, bindings };
  });
}

/** The message of whatever was thrown. @internal */
export function thrownMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** At most `limit` problems, and how many more there were. @internal */
export function capped(problems: readonly string[], limit = 12): string[] {
  if (problems.length <= limit) return [...problems];
  return [...problems.slice(0, limit), `... and ${problems.length - limit} more`];
}
