import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Binding, Cluster } from '@lifeboat/core';
import { KubernetesStateStore, hubFromKubeconfig, lifeboatCrds } from '@lifeboat/kubernetes';
// The double is the kubernetes package's test harness; tests read its sources directly.
import { KubernetesApiDouble } from '../../../kubernetes/src/testing/kubernetes-api-double';
import { HUB_ELECTION_LEASE } from '../runtime/hub-session';
import { LEADER_RECORD_NAMESPACE } from '../runtime/leader-record';
import { LIFEBOAT_BIN, LifeboatProcess, TEST_CONTROLLER_CONFIG, realClock } from './process-fleet';

/**
 * TEST HARNESS (not shipped): a hub cluster as a Kubernetes API **double** (HTTPS on loopback,
 * in the test's process) with Lifeboat's CRDs installed, the BUILT `lifeboat` binary spawned
 * against it with `--kubeconfig`, and the test's own KubernetesStateStore to read the state.
 * The same surface as the etcd `ProcessFleet` that the end-to-end tests use.
 */
/** The election lease of the controllers on the hub: how long a killed leader blocks the standby. */
export const HUB_LEASE_TTL_MS = 6_000;

export class HubFleet {
  readonly processes: LifeboatProcess[] = [];

  private constructor(
    readonly hub: KubernetesApiDouble,
    readonly store: KubernetesStateStore,
    readonly dir: string,
    /** Path of the hub's kubeconfig (the double's admin token and CA). */
    readonly kubeconfig: string,
  ) {}

  static async start(): Promise<HubFleet> {
    const hub = await KubernetesApiDouble.start({ clusterName: 'hub' });
    for (const crd of lifeboatCrds()) hub.create(crd);
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-hub-'));
    const kubeconfig = join(dir, 'hub.kubeconfig');
    writeFileSync(kubeconfig, hub.kubeconfig());
    // client-go's election fences each write on the replica's own clock (lease less one retry
    // period after the last renewal), so on a loaded machine a 3 s lease lapses between renewals.
    writeFileSync(
      join(dir, 'controller.yaml'),
      TEST_CONTROLLER_CONFIG.replace(
        'leaseDuration: 3s',
        `leaseDuration: ${HUB_LEASE_TTL_MS / 1000}s`,
      ),
    );
    const { kubeConfig } = hubFromKubeconfig(hub.kubeconfig(), kubeconfig, 'hub');
    return new HubFleet(hub, new KubernetesStateStore({ kubeConfig }), dir, kubeconfig);
  }

  /** What a process needs to find the state: `--kubeconfig FILE`. */
  stateArgs(): string[] {
    return ['--kubeconfig', this.kubeconfig];
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

  /**
   * Runs `lifeboat apply --kubeconfig` on `yaml` and returns its output; rejects on a non-zero exit.
   * Asynchronous: the hub double answers from this very process, so it must not be blocked.
   */
  async apply(yaml: string): Promise<string> {
    const file = join(this.dir, `workloads-${realClock.now()}.yaml`);
    writeFileSync(file, yaml);
    const run = await lifeboat(['apply', ...this.stateArgs(), file]);
    if (run.code !== 0) throw new Error(`lifeboat apply exited ${run.code}: ${run.stderr}`);
    return run.stdout;
  }

  /** Runs `lifeboat status --kubeconfig` (asynchronously, as {@link apply}). */
  status(...flags: string[]): Promise<CommandRun> {
    return lifeboat(['status', ...this.stateArgs(), ...flags]);
  }

  async bindings(): Promise<readonly Binding[]> {
    return (await this.store.list('Binding')).items;
  }

  async clusters(): Promise<readonly Cluster[]> {
    return (await this.store.list('Cluster')).items;
  }

  /** Who holds the election Lease now (client-go's holderIdentity), if anyone. */
  async readElectionHolder(): Promise<string | undefined> {
    const lease = await this.store.get('Lease', `${LEADER_RECORD_NAMESPACE}/${HUB_ELECTION_LEASE}`);
    return lease?.spec.holderIdentity || undefined;
  }

  /** Kills every process group it started and the hub double, and removes the temporary files. */
  async dispose(): Promise<void> {
    for (const p of this.processes) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
    await Promise.all(this.processes.map((p) => p.exited));
    await this.hub.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  describe(): string {
    return this.processes.map((p) => p.describe()).join('\n\n');
  }
}

/** How a one-shot `lifeboat` command ended. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `lifeboat` with `args` to its end, at most 60 s (a loaded machine starts the CLI slowly). */
function lifeboat(args: readonly string[]): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LIFEBOAT_BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
