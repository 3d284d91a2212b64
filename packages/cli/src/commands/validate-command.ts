import { Command } from 'commander';
import type { SimulationFlavor } from '@lifeboat/simulator';
import { readScenarioFile } from './read-scenario-file';

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `lifeboat validate FILE`: checks a scenario without running it. */
export function validateCommand(
  write: (text: string) => void,
  flavors: readonly SimulationFlavor[],
): Command {
  return new Command('validate')
    .description(
      'check a scenario file without running it (exit code 2 and one line per problem when it is invalid)',
    )
    .argument('<file>', 'scenario file (YAML or JSON)')
    .action(async (file: string) => {
      const { scenario, workloads } = await readScenarioFile(file, flavors);
      const counts = [
        count(scenario.spec.clusters.length, 'cluster'),
        count(workloads.length, 'workload'),
        count(scenario.spec.events.length, 'event'),
      ];
      write(
        `${file}: valid ${scenario.spec.flavor} scenario "${scenario.metadata.name}" (${counts.join(', ')})\n`,
      );
    });
}
