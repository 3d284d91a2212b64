import { readFile, stat } from 'node:fs/promises';
import { ValidationError } from '@lifeboat/core';

/**
 * The largest input file Lifeboat reads (64 MiB): a 10,000-cluster, 100,000-workload scenario is
 * far smaller, and a larger file is more likely a mistake than a fleet.
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

function unreadable(file: string, path: string, error: unknown): ValidationError {
  const code = (error as NodeJS.ErrnoException).code;
  return ValidationError.at(
    path,
    `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`,
  );
}

/**
 * Reads a file the user named. A missing, unreadable or oversized file is refused like a bad one:
 * a `ValidationError` at `path` (the flag that named it, if any; exit code 2), never a stack trace.
 */
export async function readInputFile(file: string, path = ''): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw unreadable(file, path, error);
  }
  if (size > MAX_INPUT_FILE_BYTES)
    throw ValidationError.at(
      path,
      `${file}: ${size} bytes is more than the ${MAX_INPUT_FILE_BYTES} bytes (64 MiB) an input file may hold`,
    );
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, path, error);
  }
}
