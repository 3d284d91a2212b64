import { ValidationError } from '@lifeboat/core';

/**
 * Runs `check` on what was read from `file`; a `ValidationError` it throws is thrown again with
 * every problem naming the file (`scenario.yaml: spec.seed: ...`, `scenario.yaml:5:3: ...`).
 */
export function inFile<T>(file: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ValidationError) throw error.inFile(file);
    throw error;
  }
}
