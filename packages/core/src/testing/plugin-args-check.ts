import type { PluginRegistration, SchedulerPlugin } from '../contracts/scheduler-plugins';
import { ValidationError } from '../errors/validation-error';
import { SchedulerFramework } from '../scheduler/framework';
import type { PluginConformanceOptions } from './plugin-conformance-options';
import { handleOf, pointsOf, soloProfile, thrownMessage } from './plugin-under-test';

/** The argument name the kit adds to see that a plugin refuses what it does not know. @public */
export const UNKNOWN_ARGUMENT = 'notAnArgumentOfThisPlugin';

/**
 * The registration builds, for each valid args, a plugin with the registration's name that
 * serves at least one point, and a framework with the plugin alone at its points accepts those
 * args. Returns the problems found (none when it conforms).
 * @public
 */
export function checkPluginConstruction(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): string[] {
  const problems: string[] = [];
  if (typeof registration.name !== 'string' || registration.name === '')
    return ['the registration has no name'];
  for (const args of options.validArgs ?? [undefined]) {
    const given = args === undefined ? 'no args' : `args ${JSON.stringify(args)}`;
    let plugin: SchedulerPlugin;
    try {
      plugin = registration.factory(args, handleOf(options));
    } catch (error) {
      problems.push(`the factory refused ${given}: ${thrownMessage(error)}`);
      continue;
    }
    if (plugin.name !== registration.name)
      problems.push(
        `the factory built a plugin named "${plugin.name}" for the registration "${registration.name}"; profiles find plugins by the registration's name`,
      );
    const points = pointsOf(registration, plugin);
    if (points.length === 0) {
      problems.push(
        `the plugin built with ${given} has no method of any extension point (preFilter, filter, postFilter, preScore, score, reserve, or one its registration declares)`,
      );
      continue;
    }
    try {
      new SchedulerFramework(
        [registration],
        soloProfile(registration.name, points, args),
        handleOf(options),
      );
    } catch (error) {
      problems.push(
        `a profile enabling it at ${points.join(', ')} with ${given} fails: ${thrownMessage(error)}`,
      );
    }
  }
  return problems;
}

/** Where the framework must report a problem at `path` of the args of `pluginConfig[0]`. */
function expectedPath(path: string): string {
  return path === '' ? 'pluginConfig[0].args' : `pluginConfig[0].args.${path}`;
}

/**
 * Bad args are refused when the framework is built, as a `ValidationError` naming the field
 * path under the profile's `pluginConfig[i].args`: an unknown argument (always tried, named
 * {@link UNKNOWN_ARGUMENT}) and every case of `options.invalidArgs`. Returns the problems found.
 * @public
 */
export function checkPluginArgs(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): string[] {
  let plugin: SchedulerPlugin;
  const valid = (options.validArgs ?? [undefined])[0];
  try {
    plugin = registration.factory(valid, handleOf(options));
  } catch (error) {
    return [`the factory refused its first valid args: ${thrownMessage(error)}`];
  }
  const points = pointsOf(registration, plugin);
  const base = typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? valid : {};
  const cases = [
    { args: { ...base, [UNKNOWN_ARGUMENT]: true }, path: UNKNOWN_ARGUMENT, unknown: true },
    ...(options.invalidArgs ?? []).map((c) => ({ ...c, unknown: false })),
  ];
  const problems: string[] = [];
  for (const { args, path, unknown } of cases) {
    const given = `${unknown ? 'an unknown argument, ' : ''}args ${JSON.stringify(args)}`;
    const want = expectedPath(path);
    try {
      new SchedulerFramework(
        [registration],
        soloProfile(registration.name, points, args),
        handleOf(options),
      );
      problems.push(`${given} were accepted; they must be refused at ${want}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        problems.push(
          `${given}: the factory threw ${thrownMessage(error)}; it must throw a ValidationError (parseWith(schema, args)) so the framework names ${want}`,
        );
        continue;
      }
      const paths = error.issues.map((i) => i.path);
      if (!paths.includes(want))
        problems.push(
          `${given} were refused at ${paths.join(', ') || '(no path)'}; expected ${want}`,
        );
    }
  }
  return problems;
}
