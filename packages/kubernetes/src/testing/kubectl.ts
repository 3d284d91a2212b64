import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the tests find kubectl (`npm test` provisions it; see tools/provision.js). */
export const KUBECTL = process.env.LIFEBOAT_KUBECTL ?? '/usr/bin/kubectl';

/** What a kubectl run printed and how it ended. */
export interface KubectlResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real kubectl against a kubeconfig, each session with its own discovery cache (so a
 * CRD created by one test is discovered, as on a fresh machine). Test support: not shipped.
 */
export class Kubectl {
  private readonly dir = mkdtempSync(join(tmpdir(), 'lifeboat-kubectl-'));
  private readonly kubeconfigPath = join(this.dir, 'kubeconfig');
  private readonly children = new Set<ChildProcess>();

  constructor(kubeconfig: string) {
    writeFileSync(this.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }

  /** Writes `text` to a file in the session's directory and returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  run(args: readonly string[], input?: string): Promise<KubectlResult> {
    const child = this.spawn(args);
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Runs kubectl, resolving with stdout, or rejecting with its stderr when it fails. */
  async ok(args: readonly string[], input?: string): Promise<string> {
    const result = await this.run(args, input);
    if (result.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout;
  }

  /** Starts a long-running kubectl (`get --watch`); the caller reads its output and kills it. */
  start(args: readonly string[]): ChildProcess {
    return this.spawn(args);
  }

  /** Kills what is still running and removes the session's files. */
  dispose(): void {
    for (const child of this.children) child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(args: readonly string[]): ChildProcess {
    const child = spawn(
      KUBECTL,
      ['--kubeconfig', this.kubeconfigPath, '--cache-dir', join(this.dir, 'cache'), ...args],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.dir },
      },
    );
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }
}
