import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

// End to end: the built `lifeboat` binary, spawned as a user would run it.
const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const examples = join(root, 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-cli-'));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function lifeboat(...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(...args: string[]): any {
  const run = lifeboat('simulate', ...args, '--json');
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function scenarioFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  // `npm test` builds first (nx); a bare jest run builds what is missing.
  for (const pkg of ['core', 'karmada', 'clusternet', 'simulator', 'cli']) {
    if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
      execFileSync(
        process.execPath,
        [
          require.resolve('typescript/bin/tsc'),
          '-p',
          join(root, 'packages', pkg, 'tsconfig.build.json'),
        ],
        { stdio: 'inherit' },
      );
    }
  }
}, 300_000);

const karmada = (spec: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: e2e}
spec:
  flavor: karmada
  duration: 10m
  clusters: [{name: member1}, {name: member2}]
  workloads:
    - name: foo
      replicas: 2
      placement: {clusterAffinity: {clusterNames: [member1]}}
${spec}
`;

describe('lifeboat simulate on the examples', () => {
  const files = readdirSync(examples)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('has region-loss-100.yaml exactly as tools/generate-region-loss.js writes it', () => {
    const generated = execFileSync(
      process.execPath,
      [join(root, 'tools', 'generate-region-loss.js')],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(generated).toBe(readFileSync(join(examples, 'region-loss-100.yaml'), 'utf8'));
  });

  it('has the four examples of issue 5', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'karmada-seed.yaml',
        'clusternet-seed.yaml',
        'maintenance-graceful.yaml',
        'region-loss-100.yaml',
      ]),
    );
  });

  it.each(files.filter((f) => f !== 'region-loss-100.yaml'))(
    'runs %s and prints the timeline and tables',
    (file) => {
      const run = lifeboat('simulate', join('examples', file));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Scenario \S+ \((karmada|clusternet), seed \d+\)/);
      for (const heading of ['\nTimeline\n', '\nWorkloads\n', '\nClusters\n'])
        expect(run.stdout).toContain(heading);
    },
  );

  it('shows the Karmada seed: member1 detected, tainted, foo evicted from it and 2 replicas ready elsewhere', () => {
    const report = json('examples/karmada-seed.yaml');
    const on = (type: string, where: (e: any) => boolean) =>
      report.timeline.filter((e: any) => e.type === type && where(e));
    const failedAt = on('FaultInjected', (e) => e.action === 'fail' && e.cluster === 'member1')[0]
      .t;
    const detected = on(
      'ClusterReadyChanged',
      (e) => e.cluster === 'member1' && e.status === 'False' && e.t > failedAt,
    )[0];
    expect(detected).toBeDefined();
    expect(
      on('TaintAdded', (e) => e.cluster === 'member1' && e.t >= detected.t).map(
        (e: any) => e.taint,
      ),
    ).toContain('cluster.karmada.io/not-ready:NoExecute');
    expect(
      on('EvictionStarted', (e) => e.workload === 'default/foo' && e.cluster === 'member1'),
    ).toHaveLength(1);
    const foo = report.workloads['default/foo'];
    expect(foo.placement.member1).toBeUndefined();
    expect(foo.readyReplicas).toBe(2);
    expect(Object.values(foo.placement).reduce((a: number, b: any) => a + b, 0)).toBe(2);
  });

  it('shows the Karmada failback: foo returns to member1=1, member2=1 five minutes after member1 is Ready, never below 2 ready', () => {
    const report = json('examples/karmada-failback.yaml');
    const ready = report.timeline.filter(
      (e: any) =>
        e.type === 'ClusterReadyChanged' && e.cluster === 'member1' && e.status === 'True',
    );
    const started = report.timeline.find((e: any) => e.type === 'FailbackStarted');
    const completed = report.timeline.find((e: any) => e.type === 'FailbackCompleted');
    expect(started.t - ready.at(-1).t).toBe(300);
    expect(completed).toMatchObject({
      workload: 'default/foo',
      placement: { member1: 1, member2: 1 },
    });
    const foo = report.workloads['default/foo'];
    expect(foo.placement).toEqual({ member1: 1, member2: 1 });
    const during = foo.series.filter((s: any) => s.t >= started.t);
    expect(Math.min(...during.map((s: any) => s.ready))).toBe(2);
  });

  it('shows the mass failure: four members down at once, evictions paused, no replica lost', () => {
    const report = json('examples/mass-failure.yaml');
    expect(report.timeline.filter((e: any) => e.type === 'EvictionStarted')).toEqual([]);
    expect(
      report.timeline.filter((e: any) => e.type === 'EvictionsPaused').map((e: any) => e.scope),
    ).toEqual(['Fleet', 'Region']);
    for (const w of Object.values<any>(report.workloads)) expect(w.minReadyReplicas).toBe(5);
  });

  it('shows the Clusternet seed: the silent cluster turns Unknown, is tainted, and its workloads move to the spare', () => {
    const report = json('examples/clusternet-seed.yaml');
    expect(report.clusters.member1).toMatchObject({
      ready: 'Unknown',
      taints: ['clusters.clusternet.io/unschedulable:NoSchedule'],
    });
    for (const w of Object.values<any>(report.workloads)) {
      expect(w.placement.member1).toBeUndefined();
      expect(w.placement.member3).toBeGreaterThan(0);
      expect(w.readyReplicas).toBe(w.desired);
    }
  });

  it("leaves the Clusternet seed workloads where they are with the FailOver gate off (Clusternet's default)", () => {
    const text = readFileSync(join(examples, 'clusternet-seed.yaml'), 'utf8').replace(
      'FailOver: true',
      'FailOver: false',
    );
    const report = json(scenarioFile('failover-off.yaml', text));
    expect(report.clusters.member1.taints).toEqual([
      'clusters.clusternet.io/unschedulable:NoSchedule',
    ]);
    expect(report.timeline.filter((e: any) => e.type === 'EvictionStarted')).toEqual([]);
    expect(report.workloads['default/web'].placement.member1).toBeGreaterThan(0);
  });

  it('drains for maintenance gracefully without a drop in ready replicas', () => {
    const report = json('examples/maintenance-graceful.yaml');
    expect(
      report.timeline
        .filter((e: any) => e.type === 'EvictionStarted')
        .every((e: any) => e.purgeMode === 'Gracefully'),
    ).toBe(true);
    for (const w of Object.values<any>(report.workloads)) {
      expect(w.minReadyReplicas).toBe(w.desired);
      expect(w.secondsShortOfReplicas).toBe(0);
      expect(w.placement.member1).toBeUndefined();
    }
  });

  it('completes the 100-cluster region loss with every workload ready outside the lost region', () => {
    const report = json('examples/region-loss-100.yaml');
    const clusters = Object.entries<any>(report.clusters);
    expect(clusters).toHaveLength(100);
    expect(
      clusters
        .filter(([name]) => name.startsWith('us-east-'))
        .every(([, c]) => c.ready === 'False'),
    ).toBe(true);
    const workloads = Object.values<any>(report.workloads);
    expect(workloads).toHaveLength(1000);
    expect(workloads.filter((w) => w.unschedulable)).toEqual([]);
    expect(workloads.filter((w) => w.readyReplicas < w.desired)).toEqual([]);
    expect(
      workloads.filter((w) => Object.keys(w.placement).some((c) => c.startsWith('us-east-'))),
    ).toEqual([]);
  }, 120_000);
});

describe('lifeboat simulate with a plugin module beside the scenario', () => {
  const scheduled = (report: any) =>
    report.timeline
      .filter((e: { type: string }) => e.type === 'Scheduled')
      .map((e: { t: number; placement: Record<string, number> }) => [e.t, e.placement]);

  it("places by the CostAware plugin's scores: cheapest member2, then member3 once member2 fails", () => {
    expect(scheduled(json('examples/cost-aware.yaml'))).toEqual([
      [0, { member2: 2 }],
      [330, { member3: 2 }],
    ]);
  });

  it('places on the first cluster by name, and keeps it, when the same scenario loads no plugin', () => {
    const document = parse(readFileSync(join(examples, 'cost-aware.yaml'), 'utf8'));
    delete document.spec.plugins;
    delete document.spec.schedulerProfile;
    const report = json(scenarioFile('cost-aware-without-plugin.yaml', stringify(document)));
    expect(scheduled(report)).toEqual([[0, { member1: 2 }]]);
    expect(report.workloads['default/web'].placement).toEqual({ member1: 2 });
  });

  it('loads an ES module relative to the scenario file, whatever the working directory', () => {
    writeFileSync(
      join(scratch, 'prefer-member3.mjs'),
      "export default { plugins: [{ name: 'PreferMember3', factory: () => ({ name: 'PreferMember3', score: (_s, _b, cluster) => (cluster.metadata.name === 'member3' ? 100 : 0) }) }] };\n",
    );
    const document = parse(readFileSync(join(examples, 'cost-aware.yaml'), 'utf8'));
    document.spec.plugins = ['./prefer-member3.mjs'];
    document.spec.schedulerProfile = {
      plugins: { score: { enabled: [{ name: 'PreferMember3' }] } },
    };
    const text = stringify(document);
    const report = json(scenarioFile('prefer-member3.yaml', text));
    expect(scheduled(report)).toEqual([[0, { member3: 2 }]]);
  });

  it.each([
    ['./missing.js', null, 'spec.plugins[0]: cannot find module "./missing.js"'],
    [
      './no-export.js',
      'exports.plugin = [];',
      'spec.plugins[0]: "./no-export.js" does not export "plugins"; a plugin module exports `plugins` (named, or on its default export): an array of { name, factory }',
    ],
  ])('refuses %s with exit code 2, naming the field, and runs nothing', (module, text, error) => {
    if (text !== null) writeFileSync(join(scratch, module), text);
    const file = scenarioFile(
      'bad-plugin.yaml',
      readFileSync(join(examples, 'cost-aware.yaml'), 'utf8').replace(
        './plugins/cost-aware.js',
        module,
      ),
    );
    const run = lifeboat('simulate', file);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${file}: ${error}\n` });
  });

  it('refuses args the plugin rejects at their place in the profile', () => {
    const text = readFileSync(join(examples, 'cost-aware.yaml'), 'utf8')
      .replace('./plugins/cost-aware.js', join(examples, 'plugins', 'cost-aware.js'))
      .replace('maxCost: 10', 'maxCost: 0');
    const file = scenarioFile('bad-args.yaml', text);
    const run = lifeboat('validate', file);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${file}: spec.schedulerProfile.pluginConfig[0].args: maxCost must be > 0\n`,
    });
  });
});

describe('lifeboat simulate with every fault on the real Karmada controllers', () => {
  it('detects a silent Pull cluster and a degraded Push cluster, fails over an unhealthy application and scales', () => {
    const report = json(
      scenarioFile(
        'faults.yaml',
        `apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: faults}
spec:
  flavor: karmada
  duration: 20m
  clusters:
    - {name: member1, syncMode: Pull}
    - {name: member2, syncMode: Pull}
    - {name: member3}
  workloads:
    - name: foo
      replicas: 4
      placement:
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
      failover:
        application: {decisionConditions: {tolerationSeconds: 60}, purgeMode: Directly}
  events:
    - {at: 2m, action: fail, cluster: member1}
    - {at: 5m, action: degrade, cluster: member3}
    - {at: 8m, action: recover, cluster: member3}
    - {at: 10m, action: unhealthy, workload: foo, cluster: member2}
    - {at: 12m, action: scale, workload: foo, replicas: 6}
`,
      ),
    );
    const entries = (type: string) => report.timeline.filter((e: any) => e.type === type);
    // Pull: the agent's lease stops being renewed; the watchdog turns Ready Unknown.
    expect(report.clusters.member1).toMatchObject({
      ready: 'Unknown',
      taints: [
        'cluster.karmada.io/unreachable:NoExecute',
        'cluster.karmada.io/unreachable:NoSchedule',
      ],
    });
    // Push: the fleet answers the /readyz probe with "not ok" while the API still answers.
    expect(
      entries('ClusterReadyChanged').find((e: any) => e.cluster === 'member3' && e.t > 300),
    ).toMatchObject({ status: 'False', reason: 'ClusterNotReady' });
    expect(report.clusters.member3.detections).toEqual([
      { action: 'degrade', at: 300, detectedAt: 330, detectionSeconds: 30 },
    ]);
    // The application fails on member2: Karmada's application failover moves it after 60 s.
    expect(entries('EvictionStarted').find((e: any) => e.cluster === 'member2')).toMatchObject({
      t: 660,
      purgeMode: 'Directly',
      reason: 'ApplicationFailure',
    });
    expect(entries('FaultInjected').find((e: any) => e.action === 'scale')).toEqual({
      t: 720,
      type: 'FaultInjected',
      action: 'scale',
      workload: 'default/foo',
      replicas: 6,
    });
    expect(report.workloads['default/foo']).toMatchObject({
      desired: 6,
      readyReplicas: 6,
      placement: { member3: 6 },
      unschedulable: false,
    });
  });
});

describe('lifeboat simulate --json', () => {
  it('has every field SCENARIO.md names', () => {
    const report = json(
      scenarioFile(
        'fields.yaml',
        karmada(`  events:
    - {at: 1m, action: fail, cluster: member1}
    - {at: 5m, action: recover, cluster: member1}`),
      ),
    );
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'scenario',
        'flavor',
        'seed',
        'duration',
        'timeline',
        'clusters',
        'workloads',
      ]),
    );
    expect(report).toMatchObject({ scenario: 'e2e', flavor: 'karmada', seed: 1, duration: 600 });
    const first = (type: string) => report.timeline.find((e: any) => e.type === type);
    expect(first('FaultInjected')).toEqual({
      t: 60,
      type: 'FaultInjected',
      action: 'fail',
      cluster: 'member1',
    });
    expect(Object.keys(first('ClusterReadyChanged'))).toEqual(
      expect.arrayContaining(['t', 'cluster', 'status', 'reason']),
    );
    expect(Object.keys(first('TaintAdded'))).toEqual(
      expect.arrayContaining(['t', 'cluster', 'taint']),
    );
    expect(first('TaintAdded').taint).toMatch(/^[^:]+:(NoSchedule|NoExecute|PreferNoSchedule)$/);
    expect(Object.keys(first('TaintRemoved'))).toEqual(
      expect.arrayContaining(['t', 'cluster', 'taint']),
    );
    expect(Object.keys(first('EvictionStarted'))).toEqual(
      expect.arrayContaining(['t', 'workload', 'cluster', 'purgeMode']),
    );
    expect(Object.keys(first('Scheduled'))).toEqual(
      expect.arrayContaining(['t', 'workload', 'placement']),
    );
    expect(Object.keys(first('Unschedulable'))).toEqual(expect.arrayContaining(['t', 'workload']));
    expect(Object.keys(first('WorkloadReady'))).toEqual(
      expect.arrayContaining(['t', 'workload', 'ready']),
    );
    const times = report.timeline.map((e: any) => e.t);
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
    for (const c of Object.values<any>(report.clusters)) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['ready', 'taints']));
      expect(c.taints).toEqual([...c.taints].sort());
    }
    const foo = report.workloads['default/foo'];
    expect(Object.keys(foo)).toEqual(
      expect.arrayContaining([
        'desired',
        'placement',
        'readyReplicas',
        'minReadyReplicas',
        'unschedulable',
      ]),
    );
    // member1 was foo's only cluster: it had 2 ready, then none, and nowhere else to go.
    expect(foo).toMatchObject({ desired: 2, minReadyReplicas: 0 });
    expect(typeof foo.unschedulable).toBe('boolean');
  });

  it('reports EvictionCompleted when a workload leaves a cluster', () => {
    const report = json('examples/karmada-seed.yaml');
    expect(report.timeline.find((e: any) => e.type === 'EvictionCompleted')).toMatchObject({
      workload: 'default/foo',
      cluster: 'member1',
    });
  });

  it.each(['karmada-seed.yaml', 'clusternet-seed.yaml'])(
    'is byte-identical across two runs of %s with one seed',
    (file) => {
      const a = lifeboat('simulate', join('examples', file), '--json', '--seed', '11');
      const b = lifeboat('simulate', join('examples', file), '--json', '--seed', '11');
      expect(a.code).toBe(0);
      expect(JSON.parse(a.stdout).seed).toBe(11);
      expect(a.stdout).toBe(b.stdout);
    },
  );
});

describe('invalid input', () => {
  const clusternet = (workload: string, extra = '') => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: e2e}
spec:
  flavor: clusternet
  duration: 10m
  clusters: [{name: member1}]
  workloads:
${workload}
${extra}`;

  it.each([
    [
      'an unknown cluster in an event',
      karmada('  events: [{at: 1m, action: fail, cluster: member9}]'),
      'spec.events[0].cluster: unknown cluster "member9"',
    ],
    [
      'duplicate cluster names',
      karmada('').replace('{name: member2}', '{name: member1}'),
      'spec.clusters[1].name: duplicate cluster name "member1"',
    ],
    [
      'negative replicas',
      karmada('').replace('replicas: 2', 'replicas: -2'),
      'spec.workloads[0].replicas: must be >= 0',
    ],
    [
      'an unknown setting',
      karmada('  settings: {clusterFailureTreshold: 30s}'),
      'spec.settings.clusterFailureTreshold: unknown field',
    ],
    ['an unknown field', karmada('  colour: red'), 'spec.colour: unknown field "colour"'],
    [
      'a clusternet shape in a karmada scenario',
      karmada('').replace(
        '      placement:',
        '      subscription: {subscribers: []}\n      placement:',
      ),
      'spec.workloads[0].subscription: the karmada flavor does not read "subscription"',
    ],
    [
      'a karmada shape in a clusternet scenario',
      clusternet(
        '    - {name: foo, replicas: 1, placement: {clusterAffinity: {clusterNames: [member1]}}}',
      ),
      'spec.workloads[0].placement: the clusternet flavor does not read "placement"',
    ],
    [
      'a placement karmada cannot express',
      karmada('').replace(
        'placement: {clusterAffinity: {clusterNames: [member1]}}',
        'placement: {replicaScheduling: {replicaSchedulingType: Split}}',
      ),
      'spec.workloads[0].placement.replicaScheduling.replicaSchedulingType',
    ],
    [
      'an unknown clusternet gate',
      clusternet(
        '    - {name: foo, replicas: 1, subscription: {subscribers: [{clusterAffinity: {}}]}}',
        '  featureGates: {Failover: true}',
      ),
      'spec.featureGates.Failover: unknown field',
    ],
  ])('exits 2 on %s, naming the field path, without a stack trace', (_name, text, expected) => {
    const file = scenarioFile('invalid.yaml', text);
    for (const command of ['validate', 'simulate']) {
      const run = lifeboat(command, file);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints one line per problem', () => {
    const text = karmada('  events: [{at: 1m, action: fail, cluster: member9}]')
      .replace('replicas: 2', 'replicas: -2')
      .replace('{name: member2}', '{name: member1}');
    const file = scenarioFile('many.yaml', text);
    const run = lifeboat('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${file}: spec.workloads[0].replicas: must be >= 0`,
      `${file}: spec.clusters[1].name: duplicate cluster name "member1" (also spec.clusters[0])`,
      `${file}: spec.events[0].cluster: unknown cluster "member9"; did you mean "member1"?`,
    ]);
  });

  it.each([
    [
      'a YAML syntax error, located by file, line and column',
      karmada('').replace('  duration: 10m', '  duration: [10m'),
      /^.*syntax\.yaml:\d+:\d+: /m,
    ],
    [
      'a misspelled field, with the field it misspells',
      karmada('').replace('  duration: 10m', '  duraton: 10m'),
      /syntax\.yaml: spec\.duraton: unknown field "duraton"; did you mean "duration"\?/,
    ],
    [
      'a value of the wrong type, with the value',
      karmada('').replace('replicas: 2', 'replicas: two'),
      /syntax\.yaml: spec\.workloads\[0\]\.replicas: expected number, got "two"/,
    ],
    [
      'a placement naming a cluster the scenario does not have',
      karmada('').replace('clusterNames: [member1]', 'clusterNames: [member3]'),
      /syntax\.yaml: spec\.workloads\[0\]\.placement\.clusterAffinity\.clusterNames\[0\]: unknown cluster "member3"; did you mean "member1"\?/,
    ],
    [
      'a numeric label value, explained',
      karmada('').replace('{name: member2}', '{name: member2, labels: {tier: 1}}'),
      /syntax\.yaml: spec\.clusters\[1\]\.labels\.tier: got 1, but labels values are strings/,
    ],
  ])('exits 2 on %s', (_name, text, expected) => {
    const run = lifeboat('validate', scenarioFile('syntax.yaml', text));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad workloads file for lifeboat apply, naming the file, before any connection', () => {
    const file = scenarioFile(
      'workloads.yaml',
      'apiVersion: lifeboat.dev/v1alpha1\nkind: Workloads\nspec:\n  flavor: karmada\n  workloads: [{name: foo, replicas: 2, startupSecnds: 5}]\n',
    );
    // Port 1 on loopback: nothing listens, and the file is refused before any connection anyway.
    const run = lifeboat('apply', '--etcd', 'http://127.0.0.1:1', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${file}: spec.workloads[0].startupSecnds: unknown field "startupSecnds"; did you mean "startupSeconds"?\n`,
    );
  });

  it('exits 2 on a missing file and a bad --seed', () => {
    expect(lifeboat('validate', 'no-such-file.yaml')).toMatchObject({
      code: 2,
      stderr: 'no-such-file.yaml: no such file\n',
    });
    const run = lifeboat('simulate', 'examples/karmada-seed.yaml', '--seed', '-1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--seed');
  });
});

describe('lifeboat validate and --help', () => {
  it('accepts every example', () => {
    for (const file of readdirSync(examples).filter((f) => f.endsWith('.yaml'))) {
      const run = lifeboat('validate', join('examples', file));
      expect([file, run.code, run.stderr]).toEqual([file, 0, '']);
      expect(run.stdout).toContain('valid');
    }
  });

  it.each([[[]], [['simulate']], [['validate']]])('prints help for %j', (command) => {
    const run = lifeboat(...command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: lifeboat/);
  });
});
