import type { PluginRegistration } from '../contracts/scheduler-plugins';
import type { SchedulingStrategy } from '../contracts/scheduling-strategy';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import type { SchedulerProfile } from '../scheduler/profile';
import type { FleetGeneration } from './generated-fleet';
import type { SeededRandom } from './seeded-random';
import type { ConformanceTestApi } from './test-api';

/** Args a plugin's factory must refuse, and the field path (relative to the args) it must name. @public */
export interface InvalidArgsCase {
  readonly args: unknown;
  /** E.g. `maxCost`, `rules[0].weight`; `''` for the args as a whole. */
  readonly path: string;
}

/** Options of {@link describePluginConformance} and the `check*` functions it runs. @public */
export interface PluginConformanceOptions {
  /** Args the factory must accept; each is checked (default: `[undefined]`, no args). */
  readonly validArgs?: readonly unknown[];
  /**
   * Args the factory must refuse with a `ValidationError` at the given path. An unknown
   * argument is always tried too: a plugin must not ignore a misspelled argument.
   */
  readonly invalidArgs?: readonly InvalidArgsCase[];
  /** Other plugins `profile` names (e.g. a flavour's registrations). */
  readonly registrations?: readonly PluginRegistration[];
  /**
   * The profile the equivalence check schedules with; it must enable the plugin. Default: the
   * plugin alone, at every standard point it implements and at the points it declares.
   */
  readonly profile?: SchedulerProfile;
  /** Strategies of the equivalence check (default: a `TopRankedStrategy`). */
  readonly strategies?: readonly SchedulingStrategy[];
  /** What generated fleets vary (name the labels your plugin reads). */
  readonly fleet?: FleetGeneration;
  /** Bindings for each generated fleet (default: `generateBindings`). */
  readonly bindings?: (random: SeededRandom, clusters: readonly Cluster[]) => Binding[];
  /** Seed of the generated fleets (default 1); the same seed gives the same inputs. */
  readonly seed?: number;
  /** How many fleets to generate (default 8). */
  readonly fleets?: number;
  /** The time the plugin's handle and the cycles see, in ms (default 0). */
  readonly now?: number;
  /** Where to register the cases; by default the global `describe` and `it` (Jest, Vitest). */
  readonly testApi?: Pick<ConformanceTestApi, 'describe' | 'it'>;
}
