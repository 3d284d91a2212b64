import { readFile } from 'node:fs/promises';
import { ValidationError } from '@lifeboat/core';
import { loadScenario, type LoadedScenario, type SimulationFlavor } from '@lifeboat/simulator';

/**
 * Reads and checks a scenario file. A missing or unreadable file is refused like a bad one:
 * a `ValidationError` (exit code 2), never a stack trace.
 */
export async function readScenarioFile(file: string, flavors: readonly SimulationFlavor[]): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw ValidationError.at('', `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
  return loadScenario(text, flavors);
}
