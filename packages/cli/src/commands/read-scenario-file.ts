import { dirname, resolve } from 'node:path';
import { loadScenario, type LoadedScenario, type SimulationFlavor } from '@lifeboat/simulator';
import { readInputFile } from './read-input-file';

/**
 * Reads and checks a scenario file (an unreadable file is refused like a bad one, exit code 2);
 * its `spec.plugins` modules are loaded relative to the file.
 */
export async function readScenarioFile(
  file: string,
  flavors: readonly SimulationFlavor[],
): Promise<LoadedScenario> {
  return loadScenario(await readInputFile(file), flavors, { directory: dirname(resolve(file)) });
}
