import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runNodeScript } from '../harness/run-process';

/** The repository root (this file runs from `src/suites` in tests and `dist/suites` built). */
const ROOT = join(__dirname, '..', '..', '..', '..');
const LIFEBOAT = join(ROOT, 'packages', 'cli', 'bin', 'lifeboat.js');

/** A region loss as `tools/generate-region-loss.js` writes it: four regions, us-east fails at 5m. */
export interface SimulateCase {
  readonly clustersPerRegion: number;
  readonly workloads: number;
  /** The scenario file as YAML (as the example is) or as the same document in JSON. */
  readonly format: 'yaml' | 'json';
}

export interface SimulateResult extends SimulateCase {
  readonly clusters: number;
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly cpuMs: number;
  readonly scenarioBytes: number;
  readonly reportBytes: number;
  readonly timelineEntries: number;
  /** Workloads ready on their other region at the end (must be all of them). */
  readonly readyElsewhere: number;
  readonly unschedulable: number;
}

interface Report {
  readonly timeline: readonly unknown[];
  readonly workloads: Readonly<
    Record<
      string,
      {
        desired: number;
        readyReplicas: number;
        unschedulable: boolean;
        placement: Record<string, number>;
      }
    >
  >;
}

// The generator is the one source of the example and of these sizes; it is plain Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require(join(ROOT, 'tools', 'generate-region-loss.js')) as {
  regionLossScenario(options: { clustersPerRegion: number; workloads: number }): string;
};

/**
 * Generates the scenario, runs `lifeboat simulate FILE --json` on it in a fresh Node process (as
 * a user would, start-up and loading included) and checks the outcome: every workload ready
 * outside us-east, none unschedulable.
 */
export function runSimulate(c: SimulateCase): SimulateResult {
  const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-bench-simulate-'));
  try {
    const yaml = generator.regionLossScenario(c);
    const text = c.format === 'yaml' ? yaml : JSON.stringify(parse(yaml));
    const file = join(scratch, `region-loss.${c.format}`);
    writeFileSync(file, text);
    const out = join(scratch, 'report.json');
    const run = runNodeScript(LIFEBOAT, ['simulate', file, '--json'], out, ROOT);
    if (run.code !== 0)
      throw new Error(`lifeboat simulate exited ${String(run.code)}: ${run.stderr.trim()}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const workloads = Object.values(report.workloads);
    return {
      ...c,
      clusters: c.clustersPerRegion * 4,
      wallMs: run.wallMs,
      maxRssMb: run.maxRssMb,
      cpuMs: run.cpuMs,
      scenarioBytes: Buffer.byteLength(text),
      reportBytes: statSync(out).size,
      timelineEntries: report.timeline.length,
      readyElsewhere: workloads.filter(
        (w) =>
          w.readyReplicas >= w.desired &&
          Object.keys(w.placement).every((cluster) => !cluster.startsWith('us-east-')),
      ).length,
      unschedulable: workloads.filter((w) => w.unschedulable).length,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
