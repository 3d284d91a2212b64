import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { get as getTls } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RealClock,
  desiredReplicasPerCluster,
  findCondition,
  objectKey,
  READY_CONDITION,
  type Binding,
  type Cluster,
  type Lease,
} from '@lifeboat/core';
import { EtcdServer, EtcdStateStore, connectEtcd, type TestCertificates } from '@lifeboat/etcd';
import type { Etcd3 } from 'etcd3';

/**
 * TEST HARNESS (not shipped: the build leaves out `src/process`): a real etcd on a free
 * loopback port with a temporary data directory, and the BUILT `lifeboat` binary spawned as
 * controllers and agents, each in its own process group so that `kill -9`, SIGSTOP and SIGCONT
 * hit exactly that process. Every wait is bounded in time.
 */

const root = join(__dirname, '..', '..', '..', '..');
export const LIFEBOAT_BIN = join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const clock = new RealClock();

/** Builds what `npm test` would have built (nx builds before testing); a bare jest run needs it. */
export function ensureBuilt(): void {
  for (const pkg of ['core', 'karmada', 'clusternet', 'simulator', 'etcd', 'kubernetes', 'cli']) {
    const marker =
      pkg === 'cli'
        ? join(root, 'packages', 'cli', 'dist', 'runtime', 'run-process-cli.js')
        : join(root, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(marker))
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

/** The controllers' timings for tests: detection in ~2 s, a 3 s election lease. */
export const TEST_CONTROLLER_CONFIG = `
settings:
  clusterStatusUpdateFrequency: 1s
  clusterFailureThreshold: 2s
  clusterSuccessThreshold: 1s
  clusterMonitorPeriod: 1s
  resourceEvictionRate: 50
  gracefulEvictionTimeout: 60s
leaderElection: {leaseDuration: 3s, retryPeriod: 1s}
probeTimeout: 1s
`;
/** The same for Clusternet: FailOver on; a cluster is lost after 3 heartbeats (1 s each). */
export const TEST_CLUSTERNET_CONFIG = `
settings:
  predictorTimeout: 2s
featureGates: {FailOver: true}
leaderElection: {leaseDuration: 3s, retryPeriod: 1s}
`;
/** Clusternet's detection window with 1 s heartbeats: three missed heartbeats. */
export const CLUSTERNET_DETECTION_MS = 3 * 1_000 + 1_000;

/** Detection window of {@link TEST_CONTROLLER_CONFIG}: failure threshold plus one probe period (and probe timeout). */
export const DETECTION_MS = 2_000 + 1_000 + 1_000;
export const LEASE_TTL_MS = 3_000;

/** One spawned `lifeboat` process and its stdout lines (pino JSON). */
export class LifeboatProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private stderr = '';
  private partial = '';
  exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = this.partial + chunk.toString();
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => resolve((this.exitCode = code))),
    );
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Log entries (parsed), optionally only those whose message contains `text`. */
  logs(text?: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const line of this.lines) {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (text === undefined || String(entry.msg).includes(text)) out.push(entry);
      } catch {
        // Not a log line (none are expected); ignore.
      }
    }
    return out;
  }

  /** Signals the whole process group (the process is its leader). */
  signal(signal: NodeJS.Signals): void {
    if (this.exitCode !== undefined) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  describe(): string {
    return `${this.name} (pid ${this.pid}) stderr: ${this.stderr.slice(-2000)}\nlast log lines:\n${this.lines.slice(-15).join('\n')}`;
  }
}

/** A fleet under test: etcd, processes, and a client of the test's own to read the state. */
export class ProcessFleet {
  readonly processes: LifeboatProcess[] = [];
  /** The CA of agents serving HTTPS, for the test's own reads of their endpoints. */
  memberCa?: Buffer;
  private constructor(
    readonly etcd: EtcdServer,
    readonly store: EtcdStateStore,
    /** The test's own etcd client, for writes behind Lifeboat's back. */
    readonly client: Etcd3,
    private readonly close: () => void,
    readonly dir: string,
    readonly readElectionHolder: () => Promise<string | undefined>,
    readonly flavor: 'karmada' | 'clusternet',
    /** With TLS: every process connects with the client certificate of its identity. */
    readonly certificates: TestCertificates | undefined,
  ) {}

  /**
   * etcd and a scratch directory. With `certificates`, etcd serves TLS only and requires client
   * certificates; the test's own client uses the one named `root`.
   */
  static async start(
    flavor: 'karmada' | 'clusternet' = 'karmada',
    certificates?: TestCertificates,
  ): Promise<ProcessFleet> {
    const etcd = await EtcdServer.start(
      certificates ? { tls: { ca: certificates.ca, ...certificates.server } } : {},
    );
    const root = certificates?.clients['root'];
    const client = await connectEtcd(
      etcd.endpoint,
      certificates && root
        ? {
            tls: {
              ca: readFileSync(certificates.ca),
              cert: readFileSync(root.cert),
              key: readFileSync(root.key),
            },
          }
        : {},
    );
    const store = await EtcdStateStore.connect({ client, onWatchError: () => undefined });
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-process-'));
    writeFileSync(
      join(dir, 'controller.yaml'),
      flavor === 'karmada' ? TEST_CONTROLLER_CONFIG : TEST_CLUSTERNET_CONFIG,
    );
    const holder = async () =>
      (await client.get('/lifeboat/election/controller').string()) ?? undefined;
    return new ProcessFleet(
      etcd,
      store,
      client,
      () => client.close(),
      dir,
      holder,
      flavor,
      certificates,
    );
  }

  /** `--etcd URL` and, with TLS, the CA and the client certificate of `identity`. */
  etcdArgs(identity: string): string[] {
    const files = this.certificates?.clients[identity];
    if (!this.certificates) return ['--etcd', this.endpoint];
    if (!files) throw new Error(`no client certificate for ${identity}`);
    return [
      '--etcd',
      this.endpoint,
      '--etcd-ca',
      this.certificates.ca,
      '--etcd-cert',
      files.cert,
      '--etcd-key',
      files.key,
    ];
  }

  get endpoint(): string {
    return this.etcd.endpoint;
  }

  spawn(name: string, args: readonly string[]): LifeboatProcess {
    const child = spawn(process.execPath, [LIFEBOAT_BIN, ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = new LifeboatProcess(name, child);
    this.processes.push(proc);
    return proc;
  }

  /** A controller campaigning as `id`, with `extra` flags after the usual ones. */
  controller(id: string, extra: readonly string[] = []): LifeboatProcess {
    return this.spawn(id, [
      'controller',
      ...this.etcdArgs('lifeboat-controller'),
      '--flavor',
      this.flavor,
      '--config',
      join(this.dir, 'controller.yaml'),
      '--id',
      id,
      ...extra,
    ]);
  }

  /**
   * The agent of `cluster`, connecting as `identity` (default its own, `lifeboat-agent-<cluster>`),
   * with `extra` flags after the usual ones.
   */
  agent(
    cluster: string,
    identity = `lifeboat-agent-${cluster}`,
    extra: readonly string[] = [],
  ): LifeboatProcess {
    return this.spawn(cluster, [
      'agent',
      ...this.etcdArgs(identity),
      '--cluster',
      cluster,
      '--capacity',
      'cpu=8,memory=32Gi,pods=110',
      '--heartbeat-interval',
      '1s',
      '--lease-duration',
      '4s',
      '--flavor',
      this.flavor,
      '--labels',
      'env=test',
      ...extra,
    ]);
  }

  /** Runs `lifeboat apply` on `yaml` and returns its output; throws on a non-zero exit. */
  apply(yaml: string): string {
    const file = join(this.dir, `workloads-${this.processes.length}-${clock.now()}.yaml`);
    writeFileSync(file, yaml);
    const run = spawnSync(
      process.execPath,
      [LIFEBOAT_BIN, 'apply', ...this.etcdArgs('lifeboat-operator'), file],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`lifeboat apply exited ${run.status}: ${run.stderr}`);
    return run.stdout;
  }

  status(...flags: string[]): { code: number | null; stdout: string; stderr: string } {
    const run = spawnSync(
      process.execPath,
      [LIFEBOAT_BIN, 'status', ...this.etcdArgs('lifeboat-operator'), ...flags],
      { encoding: 'utf8' },
    );
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  async bindings(): Promise<readonly Binding[]> {
    return (await this.store.list('Binding')).items;
  }

  async clusters(): Promise<readonly Cluster[]> {
    return (await this.store.list('Cluster')).items;
  }

  async leaderRecord(): Promise<Lease | undefined> {
    return this.store.get('Lease', 'lifeboat-system/controller');
  }

  /** Kills every process group it started and etcd, and removes the temporary files. */
  async dispose(): Promise<void> {
    for (const p of this.processes) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
    await Promise.all(this.processes.map((p) => settleWithin(p.exited, 5_000)));
    this.close();
    await this.etcd.dispose();
    rmSync(this.dir, { recursive: true, force: true });
    this.certificates?.dispose();
  }

  describe(): string {
    return this.processes.map((p) => p.describe()).join('\n\n');
  }
}

/** One GET on loopback (https verified against `ca`): the status code and body. */
export function httpGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const send = secure ? getTls : get;
    const options = { timeout: 2_000, agent: false, ...(secure && ca ? { ca } : {}) };
    const request = send(url, options, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

/** What each agent runs, from its `/replicas` endpoint: binding -> running replicas. */
export async function runningOn(
  agentAddress: string,
  ca?: Buffer,
): Promise<Record<string, { running: number; ready: number }>> {
  const { body } = await httpGet(`${agentAddress}/replicas`, ca);
  return (JSON.parse(body) as { workloads: Record<string, { running: number; ready: number }> })
    .workloads;
}

/** The agent's loopback address, from its "cluster registered" log line. */
export function addressOf(agent: LifeboatProcess): string | undefined {
  return agent.logs('cluster registered')[0]?.address as string | undefined;
}

/**
 * Polls `check` every `pollMs` (default 200 ms) until it returns a truthy value (so a count of 0
 * is "not yet"), at most `timeoutMs`; throws with `what` (and the last error seen) when time
 * runs out.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false | 0> | T | undefined | false | 0,
  pollMs = 200,
): Promise<T> {
  const deadline = clock.now() + timeoutMs;
  let last: unknown;
  for (let attempt = 0; attempt < Math.ceil(timeoutMs / pollMs) + 1; attempt++) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (clock.now() >= deadline) break;
    await clock.sleep(pollMs); // real-time: polling real processes
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
  );
}

export function readyStatus(cluster: Cluster | undefined): string | undefined {
  return findCondition(cluster?.status?.conditions, READY_CONDITION)?.status;
}

/**
 * Why the fleet is not settled yet, or undefined when it is: every binding places exactly its
 * desired replicas, on live clusters only, with no eviction task left; each live agent runs
 * exactly what `desiredReplicasPerCluster` gives its cluster, all ready; and the replicas running
 * across the agents add up to `desired`.
 */
export async function unsettled(
  fleet: ProcessFleet,
  live: ReadonlyMap<string, string>,
  expected: ReadonlyMap<string, number>,
): Promise<string | undefined> {
  const bindings = await fleet.bindings();
  if (bindings.length !== expected.size)
    return `${bindings.length} bindings stored, ${expected.size} applied`;
  const running = new Map<string, Record<string, { running: number; ready: number }>>();
  for (const [cluster, address] of live)
    running.set(cluster, await runningOn(address, fleet.memberCa));
  for (const b of bindings) {
    const key = objectKey(b.metadata);
    const desired = expected.get(key);
    if (desired === undefined) return `unexpected binding ${key}`;
    if (b.spec.replicas !== desired)
      return `${key}: spec.replicas ${b.spec.replicas}, applied ${desired}`;
    const targets = b.spec.clusters ?? [];
    const placed = targets.reduce((sum, t) => sum + t.replicas, 0);
    if (placed !== desired) return `${key}: ${placed} replicas placed, desired ${desired}`;
    const off = targets.find((t) => t.replicas > 0 && !live.has(t.name));
    if (off) return `${key}: ${off.replicas} replicas still placed on ${off.name}`;
    if ((b.spec.evictionTasks ?? []).length > 0)
      return `${key}: eviction tasks open: ${b.spec.evictionTasks?.map((t) => t.fromCluster).join(', ')}`;
    const want = desiredReplicasPerCluster(b);
    let total = 0;
    for (const [cluster, counts] of running) {
      const mine = counts[key] ?? { running: 0, ready: 0 };
      if (mine.running !== (want.get(cluster) ?? 0))
        return `${key}: agent ${cluster} runs ${mine.running}, placement says ${want.get(cluster) ?? 0}`;
      if (mine.ready !== mine.running)
        return `${key}: agent ${cluster} has ${mine.ready}/${mine.running} ready`;
      total += mine.running;
    }
    if (total !== desired) return `${key}: agents run ${total} replicas, desired ${desired}`;
  }
  return undefined;
}

/** The cluster holding the most replicas over all bindings (ties: by name). */
export async function busiestCluster(fleet: ProcessFleet): Promise<string> {
  const totals = new Map<string, number>();
  for (const b of await fleet.bindings())
    for (const t of b.spec.clusters ?? [])
      totals.set(t.name, (totals.get(t.name) ?? 0) + t.replicas);
  const [best] = [...totals].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (!best) throw new Error('no replicas placed');
  return best[0];
}

/**
 * Samples every binding every `periodMs` (default 100 ms) until stopped and records any moment
 * where a binding's target replicas exceed `desired` or a cluster appears twice among its
 * targets: the re-placement must never over-place, whatever the controllers go through.
 */
export function watchForOverPlacement(
  fleet: Pick<ProcessFleet, 'bindings'>,
  periodMs = 100,
): {
  stop(): Promise<string[]>;
} {
  const violations: string[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running && i < 300_000 / periodMs; i++) {
      try {
        for (const b of await fleet.bindings()) {
          const targets = b.spec.clusters ?? [];
          const placed = targets.reduce((sum, t) => sum + t.replicas, 0);
          if (placed > b.spec.replicas)
            violations.push(`${objectKey(b.metadata)}: ${placed} placed > ${b.spec.replicas}`);
          if (new Set(targets.map((t) => t.name)).size !== targets.length)
            violations.push(`${objectKey(b.metadata)}: a cluster is listed twice`);
        }
      } catch {
        // etcd may be down on purpose; the next sample tries again.
      }
      await clock.sleep(periodMs); // real-time: sampling real processes
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return violations;
    },
  };
}

export { clock as realClock };

/** Resolves when `work` settles or after `ms`, whichever is first, and leaves no timer behind. */
function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    void work.finally(() => {
      clock.clearTimeout(timer);
      resolve();
    });
  });
}
