import { ValidationError, checkWith, type FieldIssue } from '@lifeboat/core';
import { parseDocument, type YAMLError } from 'yaml';
import { crossReferenceIssues } from './cross-references';
import { parseJsonDocument } from './json-document';
import { scenarioSchema, type Scenario } from './scenario-schema';

/** How many aliases a document may expand; more is refused as resource exhaustion (an alias bomb). */
const MAX_ALIAS_COUNT = 1000;

/**
 * A YAML syntax error as one problem at `path`, located by line and column (the parser's code
 * frame left out).
 * @public
 */
export function yamlErrorIssue(error: YAMLError, path = ''): FieldIssue {
  const where = error.linePos?.[0];
  // The pretty message appends "at line L, column C:" and a code frame; keep one line.
  const message = (error.message.split('\n')[0] ?? error.message).replace(
    / at line \d+, column \d+:$/,
    '',
  );
  return { path, message, ...(where ? { line: where.line, column: where.col } : {}) };
}

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
    throw new ValidationError(document.errors.map((e) => yamlErrorIssue(e)));
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // An alias bomb or an alias without its anchor is bad input like a syntax error, not a crash.
    throw ValidationError.at('', error instanceof Error ? error.message : String(error));
  }
}

/** Schema and cross-reference problems of a raw document, all at once. @public */
export function scenarioIssues(document: unknown): { scenario?: Scenario; issues: FieldIssue[] } {
  const result = checkWith(scenarioSchema, document);
  const issues = result.success ? [] : [...result.issues];
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
