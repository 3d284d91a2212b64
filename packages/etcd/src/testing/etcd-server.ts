import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { get as getHttp, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock, type Clock } from '@lifeboat/core';

/** Options of {@link EtcdServer.start}. @public */
export interface EtcdServerOptions {
  /** The etcd binary (default `/usr/bin/etcd`, Debian's `etcd-server`). */
  readonly binary?: string;
  /** How long to wait for etcd to answer `/health` (default 15 s). */
  readonly startTimeoutMs?: number;
  readonly clock?: Clock;
  /**
   * Serve clients over TLS only (`https://`) and require a client certificate signed by `ca`
   * (etcd's `--client-cert-auth`). The server certificate must be valid for `127.0.0.1`; see
   * `createTestCertificates`.
   */
  readonly tls?: { readonly ca: string; readonly cert: string; readonly key: string };
}

const HEALTH_POLL_MS = 100;
const STOP_GRACE_MS = 5_000;
const LOG_TAIL_CHARS = 4_000;

/**
 * A throwaway single-member etcd on loopback ports with its own temporary data directory, for
 * tests and local trials. `stop()` and `start()` keep the data directory and ports, so a test
 * can restart etcd on the same state; `dispose()` stops it and removes the directory.
 * @public
 */
export class EtcdServer {
  private process?: ChildProcess;
  private exited?: Promise<void>;
  private log = '';

  private constructor(
    readonly dataDir: string,
    readonly clientPort: number,
    readonly peerPort: number,
    private readonly binary: string,
    private readonly startTimeoutMs: number,
    private readonly clock: Clock,
    private readonly tls: EtcdServerOptions['tls'],
  ) {}

  /** Starts a fresh etcd and resolves once it answers its health endpoint. */
  static async start(options: EtcdServerOptions = {}): Promise<EtcdServer> {
    const dataDir = await mkdtemp(join(tmpdir(), 'lifeboat-etcd-'));
    const [clientPort, peerPort] = [await freePort(), await freePort()];
    const server = new EtcdServer(
      dataDir,
      clientPort,
      peerPort,
      options.binary ?? '/usr/bin/etcd',
      options.startTimeoutMs ?? 15_000,
      options.clock ?? new RealClock(),
      options.tls,
    );
    try {
      await server.resume();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** The client URL, e.g. `http://127.0.0.1:40123` (`https://` with TLS). */
  get endpoint(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.clientPort}`;
  }

  /** Whether the etcd process is running. */
  get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts etcd again on the same data directory and ports (after {@link EtcdServer.stop}). */
  async resume(): Promise<void> {
    if (this.process) return;
    const peer = `http://127.0.0.1:${this.peerPort}`;
    const child = spawn(
      this.binary,
      [
        '--name=lifeboat-test',
        `--data-dir=${this.dataDir}`,
        `--listen-client-urls=${this.endpoint}`,
        `--advertise-client-urls=${this.endpoint}`,
        `--listen-peer-urls=${peer}`,
        `--initial-advertise-peer-urls=${peer}`,
        `--initial-cluster=lifeboat-test=${peer}`,
        '--initial-cluster-state=new',
        ...(this.tls
          ? [
              `--cert-file=${this.tls.cert}`,
              `--key-file=${this.tls.key}`,
              `--trusted-ca-file=${this.tls.ca}`,
              '--client-cert-auth',
            ]
          : []),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      if (this.process === child) this.process = undefined;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-LOG_TAIL_CHARS);
    });
    let spawnError: Error | undefined;
    child.once('error', (error) => {
      spawnError = error;
      if (this.process === child) this.process = undefined;
    });
    const attempts = Math.ceil(this.startTimeoutMs / HEALTH_POLL_MS);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (spawnError) throw new Error(`cannot start ${this.binary}: ${spawnError.message}`);
      if (!this.process)
        throw new Error(`etcd exited during startup; its log ends with:\n${this.log}`);
      if (await healthy(this.endpoint, HEALTH_POLL_MS * 5, this.tls)) return;
      await this.clock.sleep(HEALTH_POLL_MS);
    }
    await this.stop();
    throw new Error(
      `etcd did not become healthy within ${this.startTimeoutMs} ms; its log ends with:\n${this.log}`,
    );
  }

  /** Stops etcd (SIGTERM, then SIGKILL after a grace period); keeps the data directory. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = this.exited as Promise<void>;
    child.kill('SIGTERM');
    const timer = this.clock.setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    this.clock.clearTimeout(timer);
  }

  /** Kills etcd with SIGKILL, as a crash would (no clean shutdown); keeps the data directory. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops etcd and removes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}

function healthy(
  endpoint: string,
  timeoutMs: number,
  tls: EtcdServerOptions['tls'],
): Promise<boolean> {
  return new Promise((resolve) => {
    const onResponse = (response: IncomingMessage): void => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve(response.statusCode === 200 && body.includes('"health":"true"')),
      );
    };
    // The server certificate has clientAuth too, so it passes etcd's client-certificate check.
    const request = tls
      ? get(
          `${endpoint}/health`,
          {
            timeout: timeoutMs,
            servername: 'localhost',
            ca: readFileSync(tls.ca),
            cert: readFileSync(tls.cert),
            key: readFileSync(tls.key),
          },
          onResponse,
        )
      : getHttp(`${endpoint}/health`, { timeout: timeoutMs }, onResponse);
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
