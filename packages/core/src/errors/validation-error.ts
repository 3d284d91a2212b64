/** One problem found in input, located by its field path (`spec.events[3].cluster`). @public */
export interface FieldIssue {
  /** Dotted path with `[i]` for list items; empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** The file the input came from, when it came from one. */
  readonly file?: string;
  /** Where in the file (from 1), for a problem the parser located: a YAML syntax error. */
  readonly line?: number;
  readonly column?: number;
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

  /** The same problems, each said to be in `file` (unless it names a file already). */
  inFile(file: string): ValidationError {
    return new ValidationError(
      this.issues.map((issue) => (issue.file === undefined ? { ...issue, file } : issue)),
      { cause: this },
    );
  }

  /** Shorthand for a single problem. */
  static at(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

/**
 * `file: path: message`, the parts that are known: `scenario.yaml: spec.seed: required`, a located
 * one as compilers write it (`scenario.yaml:5:3: ...`, or `line 5, column 3: ...` without a file).
 * @public
 */
export function formatIssue(issue: FieldIssue): string {
  const at =
    issue.line === undefined
      ? ''
      : issue.file === undefined
        ? `line ${issue.line}, column ${issue.column ?? 1}`
        : `:${issue.line}:${issue.column ?? 1}`;
  const where = issue.file === undefined ? at : `${issue.file}${at}`;
  return [where, issue.path, issue.message].filter((part) => part !== '').join(': ');
}
