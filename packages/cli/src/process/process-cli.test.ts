import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LIFEBOAT_BIN,
  LEASE_TTL_MS,
  ProcessFleet,
  ensureBuilt,
  realClock,
  waitFor,
} from './process-fleet';

// The process commands' edges with the BUILT binary: bad flags and input, an unreachable etcd,
// `apply` refusing a file without writing any of it, and a clean SIGTERM.

const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-cli-process-'));

function lifeboat(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [LIFEBOAT_BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** A clear message is one or a few plain lines: no stack frames. */
function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** `lifeboat agent` for member1 on a local etcd URL, with `flags` added last (they win). */
function agent(...flags: string[]): string[] {
  return [
    'agent',
    '--etcd',
    'http://127.0.0.1:2379',
    '--cluster',
    'member1',
    '--capacity',
    'cpu=8',
    ...flags,
  ];
}

/** `lifeboat controller` with the config file `config` (refused before it reaches etcd). */
function controllerWith(config: string): ReturnType<typeof lifeboat> {
  return lifeboat(
    'controller',
    '--etcd',
    'http://127.0.0.1:2379',
    '--flavor',
    'karmada',
    '--config',
    config,
  );
}

/** The problems a refused config printed, each checked to name the file first, without the file. */
function configProblems(stderr: string, config: string): string[] {
  return stderr
    .trim()
    .split('\n')
    .map((line) => {
      expect(line.startsWith(`${config}: `)).toBe(true);
      return line.slice(config.length + 2);
    });
}

/** Exit code 2 and exactly one line on stderr, matching `message`, with no credential in it. */
function expectOneLineRefusal(args: readonly string[], message: RegExp): void {
  const run = lifeboat(...args);
  expect(run.code).toBe(2);
  expect(run.stderr.trimEnd()).toMatch(message);
  expect(run.stderr).not.toContain('s3cret');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bad flags and input', () => {
  it.each([
    [
      ['controller', '--flavor', 'karmada'],
      /^--etcd: say where the state is: --etcd URL \(etcd\) or --kubeconfig FILE \(the hub cluster\)$/,
    ],
    [
      ['controller', '--etcd', 'http://127.0.0.1:2379', '--flavor', 'kubefed'],
      /option '--flavor <flavor>' argument 'kubefed' is invalid/,
    ],
    [
      ['controller', '--etcd', 'not a url', '--flavor', 'karmada'],
      /^--etcd: "not a url" is not a URL/,
    ],
    [
      ['controller', '--etcd', 'http://127.0.0.1:2379', '--flavor', 'karmada', '--port', '99999'],
      /^--port: "99999" is not a port number/,
    ],
    [
      ['agent', '--etcd', 'http://127.0.0.1:2379', '--cluster', 'Member_1', '--capacity', 'cpu=8'],
      /^--cluster: "Member_1" must be a DNS label/,
    ],
    [
      ['agent', '--etcd', 'http://127.0.0.1:2379', '--cluster', 'member1', '--capacity', 'cpu'],
      /^--capacity: "cpu" is not name=value/,
    ],
    [agent('--capacity', 'cpu=lots'), /^--capacity\.cpu: /],
    [['status'], /^--etcd: say where the state is: /],
    [agent('--colour', 'red'), /unknown option '--colour'/],
  ])('lifeboat %j exits 2 with one clear line', (args, message) =>
    expectOneLineRefusal(args, message),
  );

  it.each([
    [
      agent('--heartbeat-interval', '999999h'),
      /^--heartbeat-interval: duration "999999h" is above the maximum 596h31m23\.647s \(Node's timer limit\)$/,
    ],
    [
      agent('--heartbeat-interval', '0'),
      /^--heartbeat-interval: duration 0s is below the minimum 100ms$/,
    ],
    [agent('--heartbeat-interval', '1us'), /^--heartbeat-interval: invalid duration "1us": /],
    [
      agent('--heartbeat-interval', '1m30'),
      /^--heartbeat-interval: invalid duration "1m30": missing unit/,
    ],
    [
      agent('--lease-duration', '1s', '--heartbeat-interval', '2s'),
      /^--lease-duration: must be longer than --heartbeat-interval/,
    ],
    [agent('--startup-seconds', 'Infinity'), /^--startup-seconds: invalid duration "Infinity": /],
    [agent('--startup-seconds', '1e12'), /^--startup-seconds: invalid duration "1e12": /],
    [
      agent('--startup-seconds', '99999999'),
      /^--startup-seconds: duration 99999999s is above the maximum /,
    ],
    [agent('--capacity', 'cpu=-1'), /^--capacity\.cpu: must not be negative, got -1$/],
    [agent('--listen', 'not an address!'), /^--listen: "not an address!" is not an IP address/],
    [agent('--advertise', 'member1:9201'), /^--advertise: "member1:9201" must be an http/],
    [agent('--etcd-user', 'agent-member1'), /^--etcd-password-file: --etcd-user needs a password/],
    [
      agent('--etcd-cert', '/no/such.crt'),
      /^--etcd-key: a client certificate needs both --etcd-cert and --etcd-key$/,
    ],
    [agent('--etcd-ca', '/no/such/ca.crt'), /^--etcd-ca: \/no\/such\/ca\.crt: no such file$/],
    [
      ['controller', '--etcd', 'https://admin:s3cret@127.0.0.1:2379', '--flavor', 'karmada'],
      /^--etcd: https:\/\/\*\*\*@127\.0\.0\.1:2379 has a user name or password in it; use --etcd-user/,
    ],
    [
      ['status', '--etcd', 'http://127.0.0.1:2379', '--etcd-timeout', '99999h'],
      /^--etcd-timeout: duration "99999h" is above the maximum 10m0s$/,
    ],
  ])('bounds: lifeboat %j exits 2 naming the flag, echoing no secret', (args, message) =>
    expectOneLineRefusal(args, message),
  );

  it('echoes only a short excerpt of a huge bad value', () => {
    const run = lifeboat(...agent('--cluster', 'X'.repeat(100_000)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--cluster: "X{32}…" must be a DNS label/);
    expect(run.stderr.length).toBeLessThan(300);
  });

  it('refuses a controller config whose election lease would never fit a timer', () => {
    const config = file(
      'huge-lease.yaml',
      'leaderElection: {leaseDuration: 1e12, retryPeriod: 0}\n',
    );
    const run = controllerWith(config);
    expect(run.code).toBe(2);
    expect(configProblems(run.stderr, config)).toEqual([
      "leaderElection.leaseDuration: duration 1000000000000s is above the maximum 596h31m23.647s (Node's timer limit)",
      'leaderElection.retryPeriod: duration 0s is below the minimum 100ms',
    ]);
  });

  it('names every bad field of a controller config', () => {
    const config = file(
      'bad-config.yaml',
      'settings: {clusterFailureThresold: 2s}\nleaderElection: {leaseDuration: 1.5s}\nprobeTimeout: soon\nextra: 1\n',
    );
    const run = controllerWith(config);
    expect(run.code).toBe(2);
    expect(configProblems(run.stderr, config).sort()).toEqual([
      'extra: unknown field; expected one of settings, featureGates, leaderElection, probeTimeout, plugins, schedulerProfile, etcd',
      'leaderElection.leaseDuration: must be a whole number of seconds, at least 1s (an etcd lease TTL)',
      expect.stringMatching(/^probeTimeout: invalid duration "soon": /),
      expect.stringMatching(/^settings(\.clusterFailureThresold)?: .*clusterFailureThresold/),
    ]);
  });

  it.each([
    ['controller', '--flavor', 'karmada'],
    ['agent', '--cluster', 'member1', '--capacity', 'cpu=8'],
    ['status'],
    ['apply', join(__dirname, '..', '..', '..', '..', 'examples', 'karmada-seed.yaml')],
  ])(
    'lifeboat %s with etcd unreachable exits 1 with one line naming the endpoint',
    (...args) => {
      const run = lifeboat(
        args[0] as string,
        '--etcd',
        'http://127.0.0.1:9',
        '--etcd-timeout',
        '1s',
        ...(args.slice(1) as string[]),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^lifeboat: cannot reach etcd at http:\/\/127\.0\.0\.1:9.*; check that etcd is running and the URL is right\n$/,
      );
    },
    20_000,
  );
});

describe('with a real etcd', () => {
  let fleet: ProcessFleet;
  beforeAll(async () => {
    fleet = await ProcessFleet.start();
  }, 30_000);
  afterAll(async () => fleet.dispose(), 30_000);

  it('apply refuses a file with a bad workload with field paths and writes none of it', async () => {
    const bad = file(
      'bad-workloads.yaml',
      `apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - {name: good, replicas: 2, placement: {clusterAffinity: {clusterNames: [member1]}}}
    - {name: bad, replicas: -1, subscription: {subscribers: []}}
    - {name: good, replicas: 1}
`,
    );
    const run = lifeboat('apply', '--etcd', fleet.endpoint, bad);
    expect(run.code).toBe(2);
    expectNoStackTrace(run.stderr);
    expect(run.stderr).toContain('spec.workloads[1].replicas: must be >= 0');
    expect(run.stderr).toContain(
      'spec.workloads[2].name: duplicate workload default/good (also spec.workloads[0])',
    );
    expect(run.stderr).toContain(
      'spec.workloads[1].subscription: the karmada flavor does not read "subscription"; it reads placement and failover',
    );
    expect(await fleet.bindings()).toEqual([]);
  });

  it('apply creates, then reports unchanged, then configures; status shows the bindings', async () => {
    const yaml = (replicas: number) => `apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - {name: shop, namespace: prod, replicas: ${replicas}, placement: {clusterAffinity: {clusterNames: [member1]}}}
`;
    expect(fleet.apply(yaml(2))).toBe('binding prod/shop created\n');
    expect(fleet.apply(yaml(2))).toBe('binding prod/shop unchanged\n');
    expect(fleet.apply(yaml(3))).toBe('binding prod/shop configured\n');
    expect(
      (await fleet.bindings()).map((b) => [
        b.metadata.name,
        b.spec.replicas,
        b.metadata.generation,
      ]),
    ).toEqual([['shop', 3, 2]]);
    const status = fleet.status();
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Active controller: none');
    expect(status.stdout).toMatch(/prod\/shop\s+3\s+-\s+0\/3\s+-/);

    // A scenario file works too: its flavour and workloads are applied, its fleet and events are not.
    const seed = join(__dirname, '..', '..', '..', '..', 'examples', 'karmada-seed.yaml');
    expect(lifeboat('apply', '--etcd', fleet.endpoint, seed).stdout).toBe(
      'binding default/foo created\n',
    );
    const json = lifeboat('status', '--etcd', fleet.endpoint, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      clusters: [],
      bindings: [
        { key: 'default/foo', desired: 2, placement: {}, ready: 0, evictionTasks: [] },
        { key: 'prod/shop', desired: 3, placement: {}, ready: 0, evictionTasks: [] },
      ],
      skipped: [],
    });
  }, 30_000);

  it('SIGTERM stops the leader cleanly: exit 0, and the standby leads at once, well within the lease TTL; an agent stops cleanly too', async () => {
    const a = fleet.controller('term-a');
    await waitFor(
      'term-a to lead',
      15_000,
      async () => (await fleet.readElectionHolder()) === 'term-a',
    );
    const b = fleet.controller('term-b');
    await waitFor('term-b to stand by', 15_000, () => b.logs('campaigning for leadership').length);
    const address = await waitFor(
      'term-a to serve /metrics',
      5_000,
      () => a.logs('controller listening')[0]?.address as string | undefined,
    );
    const metrics = spawnSync('curl', ['-s', `${address}/metrics`], { encoding: 'utf8' }).stdout;
    expect(metrics).toMatch(/^lifeboat_controller_leader 1$/m);
    expect(metrics).toMatch(/^# TYPE cluster_ready_state gauge$/m);

    const sentAt = realClock.now();
    a.signal('SIGTERM');
    expect(await a.exited).toBe(0);
    await waitFor(
      'term-b to lead',
      LEASE_TTL_MS,
      async () => (await fleet.readElectionHolder()) === 'term-b',
    );
    // Resigning revokes the lease, so the standby does not wait for it to expire.
    expect(realClock.now() - sentAt).toBeLessThan(LEASE_TTL_MS);
    expect(a.logs('leader record released')).toHaveLength(1);
    await waitFor(
      'term-b to take the leader record',
      5_000,
      async () => (await fleet.leaderRecord())?.spec.holderIdentity === 'term-b',
    );
    b.signal('SIGINT');
    expect(await b.exited).toBe(0);

    const agent = fleet.agent('member9');
    await waitFor(
      'member9 to watch bindings',
      15_000,
      () => agent.logs('watching bindings').length,
    );
    agent.signal('SIGTERM');
    const code = await agent.exited;
    if (code !== 0)
      throw new Error(`agent exited ${code} (${agent.child.signalCode}): ${agent.describe()}`);
    expect(agent.logs('stopped')).toHaveLength(1);
  }, 60_000);
});
