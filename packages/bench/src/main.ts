import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { FULL_CONFIG, TINY_CONFIG } from './bench-config';
import { writeResults } from './report/results-file';
import { printResults } from './report/print-results';
import { checkTargets } from './report/targets';
import { SUITES, runBench, type Suite } from './run-bench';

/**
 * `npm run bench [-- --suite throughput,storm --tiny --repeat 3 --budget-ms 30000 --out path]`: runs the suites, prints the
 * tables and writes bench/results.json at the repository root.
 */
async function main(argv: readonly string[]): Promise<void> {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const suites = (value('--suite')?.split(',') ?? SUITES) as Suite[];
  const unknown = suites.filter((s) => !SUITES.includes(s));
  if (unknown.length)
    throw new Error(`unknown suite(s) ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  const base = argv.includes('--tiny') ? TINY_CONFIG : FULL_CONFIG;
  // --repeat and --budget-ms trade precision for time (e.g. a quick look before profiling).
  const repeat = value('--repeat');
  const budget = value('--budget-ms');
  const config = {
    ...base,
    ...(repeat ? { repeat: Number(repeat) } : {}),
    throughput: { ...base.throughput, ...(budget ? { budgetMs: Number(budget) } : {}) },
  };
  const out = value('--out') ?? join(__dirname, '..', '..', '..', 'bench', 'results.json');
  const machine = {
    node: process.version,
    cpus: availableParallelism(),
    platform: `${process.platform}-${process.arch}`,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
  process.stderr.write(`lifeboat bench on ${machine.cpus} CPUs, node ${machine.node}\n`);
  const results = await runBench(config, suites, (line) => process.stderr.write(`  ${line}\n`));
  const targets = checkTargets(results);
  process.stdout.write(`${printResults(results, targets)}\n`);
  writeResults(out, { machine, config, results, targets });
  process.stderr.write(`results written to ${out}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
