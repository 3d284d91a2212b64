import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/validation-error';
import { didYouMean } from './closest';
import { excerpt } from './excerpt';

/** `spec.events[3].cluster` from a zod issue path under `base`. @public */
export function formatPath(path: readonly PropertyKey[], base = ''): string {
  let out = base;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The fields each strict object knew, by the path of its unknown-field issue. */
type KnownFields = ReadonlyMap<string, readonly string[]>;

const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

// A value under one of these names is never echoed in an error: only its type is.
const SECRET = /password|passwd|secret|token|credential|api.?key|private.?key|^(string)?data$/i;
// Maps whose values Kubernetes requires to be strings.
const STRING_MAPS = new Set(['labels', 'matchLabels', 'annotations']);

/** What an error says it got: a short excerpt of a scalar, the kind of anything else. */
function shown(input: unknown, path: readonly PropertyKey[]): string {
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'null';
  if (typeof input === 'object') return 'a mapping';
  if (path.some((part) => typeof part === 'string' && SECRET.test(part)))
    return `a ${typeof input}`;
  return excerpt(input);
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  int: 'an integer',
};

function message(issue: z.core.$ZodIssue): string {
  const hasInput = 'input' in issue;
  const input = issue.input;
  if (!hasInput) return issue.message;
  // A schema's own message (`weights are whole numbers`) is kept, and only the value added.
  const ownMessage = !issue.message.startsWith('Invalid input');
  if (input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union'))
    return 'required';
  const got = shown(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (ownMessage) return `${issue.message} (got ${got})`;
      const parent = issue.path[issue.path.length - 2];
      if (
        issue.expected === 'string' &&
        typeof parent === 'string' &&
        STRING_MAPS.has(parent) &&
        (typeof input === 'number' || typeof input === 'boolean')
      )
        return `got ${got}, but ${parent} values are strings (Kubernetes refuses a number or a boolean there); quote it: "${String(input)}"`;
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    }
    case 'invalid_value': {
      const options = issue.values.filter((v): v is string => typeof v === 'string');
      const hint = typeof input === 'string' ? didYouMean(input, options) : '';
      return `${issue.message}, got ${got}${hint}`;
    }
    case 'invalid_format':
      return `${issue.message} (got ${got})`;
    default:
      return issue.message;
  }
}

/**
 * The problems in a zod error, each at its field path under `base`. From an error that
 * {@link checkWith} made, each problem also shows the offending value (a short excerpt; never a
 * value under a name like `password` or `token`), says "required" for a missing field and
 * suggests the known field an unknown one is a misspelling of.
 * @public
 */
export function zodIssues(
  error: z.ZodError,
  base = '',
  known: KnownFields = new Map(),
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const fields = known.get(pathKey(issue.path)) ?? [];
      for (const key of issue.keys)
        issues.push({
          path: formatPath([...issue.path, key], base),
          message: `unknown field "${key}"${didYouMean(key, fields)}`,
        });
      continue;
    }
    issues.push({ path: formatPath(issue.path, base), message: message(issue) });
  }
  return issues;
}

/**
 * Parses `input` with `schema` and describes every problem (see {@link zodIssues}) with its
 * field path under `base`.
 * @public
 */
export function checkWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  base = '',
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
  const known = new Map<string, readonly string[]>();
  const result = schema.safeParse(input, {
    reportInput: true,
    // Called once per issue when the parse ends, with its whole path and the schema that raised
    // it: the strict object's fields are what an unknown field is compared with.
    error: (issue) => {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def
        ?.shape;
      if (issue.code === 'unrecognized_keys' && shape)
        known.set(pathKey(issue.path ?? []), Object.keys(shape));
      return undefined;
    },
  });
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: zodIssues(result.error, base, known) };
}

/**
 * Parses `input` with `schema`; on failure throws one {@link ValidationError} listing every
 * problem with its field path under `base` (see {@link checkWith}).
 * @public
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, base = ''): z.output<S> {
  const result = checkWith(schema, input, base);
  if (!result.success) throw new ValidationError(result.issues);
  return result.data;
}
