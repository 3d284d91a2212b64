import { dirname, resolve } from 'node:path';
import { loadScenario, type LoadedScenario, type SimulationFlavor } from '@lifeboat/simulator';
import { inFile } from './in-file';
import { readInputFile } from './read-input-file';

/**
 * Reads and checks a scenario file (an unreadable file is refused like a bad one, exit code 2;
 * every problem names the file); its `spec.plugins` modules are loaded relative to the file.
 */
export async function readScenarioFile(
  file: string,
  flavors: readonly SimulationFlavor[],
): Promise<LoadedScenario> {
  const text = await readInputFile(file);
  return inFile(file, () => loadScenario(text, flavors, { directory: dirname(resolve(file)) }));
}
