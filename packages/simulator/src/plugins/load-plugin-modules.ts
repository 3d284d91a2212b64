import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ValidationError, type FieldIssue, type PluginRegistration } from '@lifeboat/core';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

const CONTRACT =
  'a plugin module exports `plugins` (named, or on its default export): an array of { name, factory }';

/** What a module exports as `plugins`, named or on its default export. */
function exportedPlugins(exports: unknown): unknown {
  if (!isObject(exports)) return undefined;
  if (exports.plugins !== undefined) return exports.plugins;
  return isObject(exports.default) ? exports.default.plugins : undefined;
}

function registrationProblem(entry: unknown): string | undefined {
  if (!isObject(entry)) return 'is not an object';
  if (typeof entry.name !== 'string' || entry.name === '') return 'has no "name" string';
  if (typeof entry.factory !== 'function') return `("${entry.name}") has no "factory" function`;
  const points = entry.extensionPoints;
  if (
    points !== undefined &&
    !(Array.isArray(points) && points.every((p) => typeof p === 'string'))
  )
    return `("${entry.name}") has "extensionPoints" that is not an array of strings`;
  return undefined;
}

/**
 * A module's factory may reject its args with any error (a plain-JavaScript module has no
 * `ValidationError` to throw, or its own copy of core's): make it one, so the framework reports
 * it at the profile's `pluginConfig[i].args` and the CLI refuses the file (exit code 2).
 */
function rejectingArgsAsInput(registration: PluginRegistration): PluginRegistration {
  return {
    ...registration,
    factory: (args, handle) => {
      try {
        return registration.factory(args, handle);
      } catch (error) {
        if (error instanceof ValidationError) throw error;
        const issues: unknown = isObject(error) ? error.issues : undefined;
        if (isObject(error) && error.name === 'ValidationError' && Array.isArray(issues))
          throw new ValidationError(issues as FieldIssue[], { cause: error });
        const message =
          isObject(error) && typeof error.message === 'string' ? error.message : String(error);
        throw new ValidationError([{ path: '', message }], { cause: error });
      }
    },
  };
}

function loadFailure(specifier: string, error: unknown): string {
  const code = isObject(error) ? error.code : undefined;
  // Not `instanceof Error`: a module's errors may come from another realm (a test runner's).
  const text = isObject(error) && typeof error.message === 'string' ? error.message : String(error);
  const message = text.split('\n')[0] ?? text;
  if (code === 'MODULE_NOT_FOUND' && message.includes(`'${specifier}'`))
    return `cannot find module "${specifier}"`;
  return `"${specifier}" failed to load: ${message}`;
}

/**
 * Loads the plugin modules a scenario names (`spec.plugins`), resolved as `require` would from
 * `directory` (the scenario file's), and returns their registrations in order. A module that is
 * missing, throws while loading, or does not export `plugins` as an array of
 * `PluginRegistration` (`{ name, factory }`) is an issue at `path[i]`; nothing of a bad module
 * is returned. An error a factory throws for its args is turned into a `ValidationError`.
 * @public
 */
export function loadPluginModules(
  specifiers: readonly string[],
  directory: string,
  path = 'spec.plugins',
): { plugins: PluginRegistration[]; issues: FieldIssue[] } {
  // Node's own require, anchored in the directory, so relative names and packages resolve from there.
  const load = createRequire(join(directory, 'plugin-modules.js'));
  const plugins: PluginRegistration[] = [];
  const issues: FieldIssue[] = [];
  specifiers.forEach((specifier, i) => {
    const at = `${path}[${i}]`;
    let exports: unknown;
    try {
      exports = load(specifier);
    } catch (error) {
      issues.push({ path: at, message: loadFailure(specifier, error) });
      return;
    }
    const exported = exportedPlugins(exports);
    if (!Array.isArray(exported)) {
      issues.push({ path: at, message: `"${specifier}" does not export "plugins"; ${CONTRACT}` });
      return;
    }
    const problems = exported.flatMap((entry: unknown, k) => {
      const problem = registrationProblem(entry);
      return problem === undefined ? [] : [`plugins[${k}] ${problem}`];
    });
    if (problems.length > 0) {
      issues.push({ path: at, message: `"${specifier}": ${problems.join('; ')}; ${CONTRACT}` });
      return;
    }
    plugins.push(...(exported as PluginRegistration[]).map(rejectingArgsAsInput));
  });
  return { plugins, issues };
}
