import { readFile } from 'node:fs/promises';
import { ValidationError } from '@lifeboat/core';

/**
 * Reads a file the user named. A missing or unreadable file is refused like a bad one: a
 * `ValidationError` at `path` (the flag that named it, if any; exit code 2), never a stack trace.
 */
export async function readInputFile(file: string, path = ''): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw ValidationError.at(
      path,
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`,
    );
  }
}
