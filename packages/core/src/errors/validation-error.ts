/** One problem found in input, located by its field path (`spec.events[3].cluster`). @public */
export interface FieldIssue {
  /** Dotted path with `[i]` for list items; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * Input that reached the framework from outside broke a rule. Carries every problem found, each
 * with its field path, so a caller can print them one per line and apply nothing.
 * @public
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';

  constructor(
    readonly issues: readonly FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map(formatIssue).join('\n'), options);
  }

  /** Shorthand for a single problem. */
  static at(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

/** `path: message`, or just the message when the path is empty. @public */
export function formatIssue(issue: FieldIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
