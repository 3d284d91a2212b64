import { Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import {
  pageDataFromReport,
  renderReport,
  renderReportPage,
  runScenario,
  type SimulationFlavor,
} from '@lifeboat/simulator';
import pino from 'pino';
import { readScenarioFile } from './read-scenario-file';
import { reportJson } from './report-json';

/** Options of `lifeboat simulate`. */
export interface SimulateOptions {
  readonly json?: boolean;
  readonly seed?: number;
  readonly report?: string;
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('must be a whole number >= 0');
  return Number(value);
}

/** `lifeboat simulate FILE [--json] [--seed N] [--report FILE.html]`: runs a scenario in virtual time and prints the report. */
export function simulateCommand(
  write: (text: string) => void,
  flavors: readonly SimulationFlavor[],
): Command {
  return new Command('simulate')
    .description('run a scenario in virtual time and print what the controllers did')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option(
      '--json',
      'print the JSON report (docs/scenario-format.md) instead of the timeline and tables',
    )
    .option('--seed <n>', 'seed of the run (overrides spec.seed)', parseSeed)
    .option(
      '--report <file>',
      'also write a self-contained HTML page charting replicas, readiness and taints over time',
    )
    .action(async (file: string, options: SimulateOptions) => {
      const loaded = await readScenarioFile(file, flavors);
      // The controllers' own logs would interleave with the report; the report says what happened.
      const core = { logger: pino({ level: 'silent' }) };
      const report = await runScenario(
        loaded,
        options.seed === undefined ? { core } : { core, seed: options.seed },
      );
      if (options.report)
        writeFileSync(options.report, renderReportPage(pageDataFromReport(report)));
      write(options.json ? reportJson(report) : renderReport(report));
    });
}
