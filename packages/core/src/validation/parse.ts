import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/validation-error';

/** `spec.events[3].cluster` from a zod issue path under `base`. @public */
export function formatPath(path: readonly PropertyKey[], base = ''): string {
  let out = base;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The problems in a zod error, each at its field path under `base`. @public */
export function zodIssues(error: z.ZodError, base = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({
          path: formatPath([...issue.path, key], base),
          message: `unknown field "${key}"`,
        });
      continue;
    }
    issues.push({ path: formatPath(issue.path, base), message: issue.message });
  }
  return issues;
}

/**
 * Parses `input` with `schema`; on failure throws one {@link ValidationError} listing every
 * problem with its field path under `base`.
 * @public
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, base = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(zodIssues(result.error, base));
  return result.data;
}
