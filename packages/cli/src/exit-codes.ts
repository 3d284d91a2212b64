/** Process exit codes of `lifeboat`. @public */
export const ExitCode = {
  Success: 0,
  /** The run failed: a bug or a broken part, not the input. */
  RuntimeFailure: 1,
  /** The input was refused: a bad file, option or argument. */
  InvalidInput: 2,
} as const;

/** @public */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
