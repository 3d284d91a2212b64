import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Quantity, parseResourceList, type ResourceList } from '@lifeboat/core';
import type { SimulationReport, WhatIfAnswer } from '@lifeboat/simulator';
import { parse, stringify } from 'yaml';
import { ensureBuilt } from '../process/process-fleet';

// End to end: the built `lifeboat` binary, spawned as a user would run it.
const root = join(__dirname, '..', '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const examples = join(root, 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-what-if-'));

function lifeboat(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function jsonOf<T>(...args: string[]): T {
  const run = lifeboat(...args, '--json');
  if (run.code !== 0) throw new Error(`lifeboat ${args[0]} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

beforeAll(() => {
  // `npm test` builds first (nx); a bare jest run builds what is missing.
  ensureBuilt();
}, 300_000);

interface ExampleCluster {
  name: string;
  region?: string;
  capacity?: Record<string, string>;
}
interface ExampleWorkload {
  name: string;
  namespace?: string;
  resources?: Record<string, string>;
}
interface Example {
  spec: {
    clusters: ExampleCluster[];
    workloads: ExampleWorkload[];
    plugins?: string[];
    events?: unknown[];
    duration: string;
  };
}

/** Capacity less what the replicas running on each cluster at the end of a simulation request, one pod each. */
function headroomFromReport(example: Example, report: SimulationReport) {
  const requested = new Map<string, Map<string, Quantity>>();
  for (const w of example.spec.workloads) {
    const series = report.workloads[`${w.namespace ?? 'default'}/${w.name}`]?.series ?? [];
    const perReplica: ResourceList = {
      ...parseResourceList(w.resources ?? {}),
      pods: Quantity.fromUnits(1),
    };
    for (const [cluster, n] of Object.entries(series[series.length - 1]?.replicas ?? {})) {
      const sum = requested.get(cluster) ?? new Map<string, Quantity>();
      for (const [name, q] of Object.entries(perReplica))
        sum.set(name, (sum.get(name) ?? Quantity.zero).add(q.times(n)));
      requested.set(cluster, sum);
    }
  }
  return (cluster: ExampleCluster): Record<string, number> =>
    Object.fromEntries(
      Object.entries(parseResourceList(cluster.capacity ?? {})).map(([name, q]) => [
        name,
        Number(q.sub(requested.get(cluster.name)?.get(name) ?? Quantity.zero).milliValue()) / 1000,
      ]),
    );
}

describe('lifeboat what-if on every example', () => {
  const files = readdirSync(examples)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('covers the examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  // The first cluster's region where it has one (the whole region fails), else the first cluster.
  it.each(files)(
    '%s: the answer equals `lifeboat simulate` on the example with the same clusters failed',
    (file) => {
      const example = parse(readFileSync(join(examples, file), 'utf8')) as Example;
      const first = example.spec.clusters[0] as ExampleCluster;
      const flag = first.region ? ['--fail-region', first.region] : ['--fail', first.name];
      const expectedFailed = example.spec.clusters
        .filter((c) => (first.region ? c.region === first.region : c.name === first.name))
        .map((c) => c.name)
        .sort();
      const answer = jsonOf<WhatIfAnswer>(
        'what-if',
        join(examples, file),
        ...flag,
        // Past the longest grace of the examples (a 10 min graceful eviction timeout), so each settles.
        '--horizon',
        '30m',
      );
      expect(answer.failed).toEqual(expectedFailed);
      expect(answer.settled).toBe(true);

      // The same failure as a scenario a user could write: the example's own events replaced.
      const question = {
        ...example,
        spec: {
          ...example.spec,
          duration: `${answer.until}s`,
          plugins: (example.spec.plugins ?? []).map((p) => resolve(examples, p)),
          events: answer.failed.map((cluster) => ({
            at: `${answer.failedAt}s`,
            action: 'fail',
            cluster,
          })),
        },
      };
      const questionFile = join(scratch, file);
      writeFileSync(questionFile, stringify(question));
      const report = jsonOf<SimulationReport>('simulate', questionFile);

      const expected = Object.fromEntries(
        Object.entries(report.workloads).map(([key, w]) => [
          key,
          {
            desired: w.desired,
            placement: w.placement,
            ready: w.readyReplicas,
            unschedulable: w.unschedulable,
            shortBy: Math.max(0, w.desired - w.readyReplicas),
          },
        ]),
      );
      expect(answer.workloads).toEqual(expected);
      const headroom = headroomFromReport(example, report);
      for (const cluster of example.spec.clusters) {
        const failed = expectedFailed.includes(cluster.name);
        expect([cluster.name, answer.clusters[cluster.name]?.headroom]).toEqual([
          cluster.name,
          failed ? null : headroom(cluster),
        ]);
      }
    },
    // region-loss-100 runs 1,000 workloads twice; a shared, busy machine needs the margin.
    900_000,
  );
});

describe('lifeboat what-if answers', () => {
  const seed = join(examples, 'karmada-seed.yaml');

  it('prints the JSON shape tools read: failed, workloads and clusters with their headroom', () => {
    const answer = jsonOf<Record<string, unknown>>('what-if', seed, '--fail', 'member1');
    expect(answer).toMatchObject({
      failed: ['member1'],
      workloads: {
        'default/foo': { placement: { member2: 2 }, unschedulable: false, shortBy: 0 },
      },
      clusters: {
        member1: { failed: true, headroom: null },
        // foo's two replicas (500m, 256Mi) run on member2.
        member2: {
          failed: false,
          headroom: { cpu: 7, memory: 32 * 2 ** 30 - 2 * 2 ** 28, pods: 108 },
        },
        member3: { failed: false, headroom: { cpu: 8, memory: 32 * 2 ** 30, pods: 110 } },
      },
    });
  });

  it('lists the short workloads first, then the headroom, in the human output', () => {
    const file = join(scratch, 'short.yaml');
    writeFileSync(
      file,
      `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: short}
spec:
  flavor: karmada
  duration: 10m
  clusters: [{name: member1, capacity: {cpu: '4'}}, {name: member2, capacity: {cpu: '4'}}]
  workloads:
    - {name: aaa, replicas: 2, placement: {clusterAffinity: {clusterNames: [member1, member2]}}}
    - {name: zzz, replicas: 3, placement: {clusterAffinity: {clusterNames: [member1]}}}
`,
    );
    const run = lifeboat('what-if', file, '--fail', 'member1');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('What if member1 fails? (scenario short, flavor karmada, seed 1)');
    expect(run.stdout).toContain('Workloads: 1 of 2 short');
    const rows = lines.filter((l) => /^ {2}default\//.test(l));
    expect(rows[0]).toMatch(/^ {2}default\/zzz +3 +0 +3 +yes/);
    expect(rows[1]).toMatch(/^ {2}default\/aaa +2 +2 +0 +no +member2=2$/);
    expect(lines.findIndex((l) => l.startsWith('Headroom'))).toBeGreaterThan(
      lines.indexOf(rows[1] as string),
    );
    expect(run.stdout).toMatch(/member1 +- +failed +- \/ 4/);
  });

  it.each([
    [
      ['--fail', 'member9'],
      `--fail: unknown cluster "member9"; ${seed} has member1, member2, member3`,
    ],
    [
      ['--fail-region', 'mars'],
      `--fail-region: unknown region "mars"; ${seed} has us-east, us-west`,
    ],
    [[], '--fail: name at least one cluster (--fail) or region (--fail-region) to fail'],
    [['--fail', 'member1', '--horizon', 'soon'], '--horizon:'],
    [['--fail', 'member1', '--flavor', 'karmada'], '--flavor: applies to --etcd only'],
    [
      ['--fail', 'member1', '--etcd', 'http://127.0.0.1:1'],
      '--etcd: give a scenario FILE or --etcd, not both',
    ],
  ])('refuses %j with exit code 2 and one clear line', (args, message) => {
    const run = lifeboat('what-if', seed, ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a missing scenario file or no fleet at all with exit code 2', () => {
    const missing = lifeboat('what-if', join(scratch, 'nope.yaml'), '--fail', 'member1');
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `${join(scratch, 'nope.yaml')}: no such file\n`,
    ]);
    const none = lifeboat('what-if', '--fail', 'member1');
    expect([none.code, none.stderr]).toEqual([
      2,
      'name a scenario FILE or the live fleet with --etcd URLS\n',
    ]);
  });
});
