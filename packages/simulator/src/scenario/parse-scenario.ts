import { ValidationError, formatPath, zodIssues, type FieldIssue } from '@lifeboat/core';
import { z } from 'zod';
import { parseDocument } from 'yaml';
import { crossReferenceIssues } from './cross-references';
import { parseJsonDocument } from './json-document';
import { scenarioSchema, type Scenario } from './scenario-schema';

/** How many aliases a document may expand; more is refused as resource exhaustion (an alias bomb). */
const MAX_ALIAS_COUNT = 1000;

/**
 * Reads a YAML (or JSON, which is YAML) document. Syntax errors become one issue each, located
 * by line and column.
 * @public
 */
export function readScenarioDocument(text: string): unknown {
  const json = parseJsonDocument(text);
  if (json) return json.value;
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ValidationError(
      document.errors.map((e) => {
        const where = e.linePos?.[0];
        // The pretty message appends "at line L, column C:" and a code frame; keep one line.
        const message = (e.message.split('\n')[0] ?? e.message).replace(
          / at line \d+, column \d+:$/,
          '',
        );
        return {
          path: '',
          message: `${where ? `line ${where.line}, column ${where.col}: ` : ''}${message}`,
        };
      }),
    );
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // An alias bomb or an alias without its anchor is bad input like a syntax error, not a crash.
    throw ValidationError.at('', error instanceof Error ? error.message : String(error));
  }
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Whether a parent of `path` is missing too (then the parent is what to report). */
function isInsideMissing(document: unknown, path: readonly PropertyKey[]): boolean {
  return path.length > 0 && valueAt(document, path.slice(0, -1)) === undefined;
}

/** Schema and cross-reference problems of a raw document, all at once. @public */
export function scenarioIssues(document: unknown): { scenario?: Scenario; issues: FieldIssue[] } {
  const result = scenarioSchema.safeParse(document);
  const issues = result.success
    ? []
    : result.error.issues.flatMap((issue) => {
        // zod says "Invalid input" for a missing union-typed field; say what is wrong.
        if (
          issue.code !== 'unrecognized_keys' &&
          valueAt(document, issue.path) === undefined &&
          !isInsideMissing(document, issue.path)
        ) {
          return [{ path: formatPath(issue.path), message: 'required' }];
        }
        return zodIssues(new z.ZodError([issue]));
      });
  issues.push(...crossReferenceIssues(document));
  return result.success && issues.length === 0 ? { scenario: result.data, issues } : { issues };
}

/**
 * Parses and checks a scenario file's text (YAML or JSON) against SCENARIO.md, flavour-neutral
 * rules only (see `loadScenario` for the flavour's). Throws core's `ValidationError` listing
 * every problem, one per line as `path: message`.
 * @public
 */
export function parseScenario(text: string): Scenario {
  const { scenario, issues } = scenarioIssues(readScenarioDocument(text));
  if (!scenario) throw new ValidationError(issues);
  return scenario;
}
