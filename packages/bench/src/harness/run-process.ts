import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elapsedMs, nowNs } from './stopwatch';

/** One run of a Node program as a user would start it. */
export interface ProcessRun {
  readonly code: number | null;
  readonly stderr: string;
  /** From spawn to exit, Node's start-up included. */
  readonly wallMs: number;
  /** The child's peak resident set, from its own `process.resourceUsage()` at exit. */
  readonly maxRssMb: number;
  /** CPU time the child used (user + system): steadier than wall time on a shared machine. */
  readonly cpuMs: number;
}

// Runs the script in a Node whose exit handler records the peak RSS, so nothing but Node is needed.
const WRAPPER = `
const [script, out, ...args] = process.argv.slice(1);
process.on('exit', () => require('node:fs').writeFileSync(out, JSON.stringify(process.resourceUsage())));
process.argv = [process.argv[0], script, ...args];
require(script);
`;

/** Runs `node script ...args` with stdout into `stdoutFile`, timing it on the real clock. */
export function runNodeScript(
  script: string,
  args: readonly string[],
  stdoutFile: string,
  cwd: string,
): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-bench-'));
  const usageFile = join(scratch, 'resource-usage.json');
  const stdout = openSync(stdoutFile, 'w');
  try {
    const started = nowNs();
    const result = spawnSync(process.execPath, ['-e', WRAPPER, script, usageFile, ...args], {
      cwd,
      stdio: ['ignore', stdout, 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = elapsedMs(started);
    let usage = { maxRSS: 0, userCPUTime: 0, systemCPUTime: 0 };
    try {
      usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
    } catch {
      // The child died before its exit handler ran; the code and stderr say why.
    }
    return {
      code: result.status,
      stderr: result.stderr,
      wallMs,
      maxRssMb: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    };
  } finally {
    closeSync(stdout);
    rmSync(scratch, { recursive: true, force: true });
  }
}
