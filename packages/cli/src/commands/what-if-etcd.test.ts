import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Quantity, type Cluster } from '@lifeboat/core';
import { EtcdServer, EtcdStateStore, connectEtcd } from '@lifeboat/etcd';
import type { WhatIfAnswer } from '@lifeboat/simulator';
import type { Etcd3 } from 'etcd3';
import { ensureBuilt } from '../process/process-fleet';

// `lifeboat what-if --etcd` against a real etcd holding what a running fleet stores: the
// clusters agents registered and the bindings `lifeboat apply` wrote.
const root = join(__dirname, '..', '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'bin', 'lifeboat.js');
const seed = join(root, 'examples', 'karmada-seed.yaml');

/** Runs the binary without blocking the event loop (etcd's client lives in this process too). */
function lifeboat(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function answerOf(...args: string[]): Promise<{ answer: WhatIfAnswer; stderr: string }> {
  const run = await lifeboat('what-if', ...args, '--json');
  if (run.code !== 0) throw new Error(`lifeboat what-if exited ${run.code}: ${run.stderr}`);
  return { answer: JSON.parse(run.stdout) as WhatIfAnswer, stderr: run.stderr };
}

/** A cluster as the karmada-seed scenario declares it, Ready as an agent reports it. */
const cluster = (name: string, region: string, ready: 'True' | 'False'): Cluster => ({
  kind: 'Cluster',
  metadata: { name, creationTimestamp: 0 },
  spec: { syncMode: 'Push', region },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: ready,
        reason: ready === 'True' ? 'ClusterReady' : 'ClusterNotReachable',
        message: '',
        lastTransitionTime: 0,
      },
    ],
    capacity: {
      cpu: Quantity.parse('8'),
      memory: Quantity.parse('32Gi'),
      pods: Quantity.parse('110'),
    },
    allocatable: {
      cpu: Quantity.parse('8'),
      memory: Quantity.parse('32Gi'),
      pods: Quantity.parse('110'),
    },
  },
});

let server: EtcdServer;
let client: Etcd3;
let store: EtcdStateStore;

beforeAll(async () => {
  ensureBuilt();
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
  store = await EtcdStateStore.connect({ client, onWatchError: () => undefined });
  for (const c of [
    cluster('member1', 'us-east', 'True'),
    cluster('member2', 'us-east', 'True'),
    cluster('member3', 'us-west', 'True'),
  ])
    await store.create('Cluster', c);
  const applied = await lifeboat('apply', '--etcd', server.endpoint, seed);
  expect([applied.code, applied.stdout]).toEqual([0, 'binding default/foo created\n']);
}, 300_000);

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

describe('lifeboat what-if --etcd', () => {
  it('answers for the live fleet as for the scenario file it was built from', async () => {
    const [live, fromFile] = await Promise.all([
      answerOf('--etcd', server.endpoint, '--flavor', 'karmada', '--fail', 'member1'),
      answerOf(seed, '--fail', 'member1'),
    ]);
    expect(live.answer.scenario).toBe(`etcd ${server.endpoint}`);
    expect(live.answer.failed).toEqual(['member1']);
    expect(live.answer.workloads).toEqual(fromFile.answer.workloads);
    expect(live.answer.workloads['default/foo']).toMatchObject({
      placement: { member2: 2 },
      shortBy: 0,
    });
    expect(live.answer.clusters).toEqual(fromFile.answer.clusters);
    expect(live.stderr).toBe('');
  }, 120_000);

  it('refuses --etcd without --flavor, and an unknown cluster, with exit code 2', async () => {
    const noFlavor = await lifeboat('what-if', '--etcd', server.endpoint, '--fail', 'member1');
    expect([noFlavor.code, noFlavor.stderr]).toEqual([
      2,
      '--flavor: required with --etcd: the flavour the controller runs\n',
    ]);
    const unknown = await lifeboat(
      'what-if',
      '--etcd',
      server.endpoint,
      '--flavor',
      'karmada',
      '--fail',
      'member9',
    );
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      '--fail: unknown cluster "member9"; the fleet in etcd has member1, member2, member3\n',
    ]);
  }, 120_000);

  it('refuses a bad controller config with its field path', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'lifeboat-what-if-')), 'controller.yaml');
    writeFileSync(config, 'settings: {clusterFailureThreshold: soon}\n');
    const run = await lifeboat(
      'what-if',
      '--etcd',
      server.endpoint,
      '--flavor',
      'karmada',
      '--fail',
      'member1',
      '--config',
      config,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^settings\.clusterFailureThreshold: invalid duration "soon"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('fails the clusters that are down already too, and says so', async () => {
    const current = await store.get('Cluster', 'member2');
    await store.update('Cluster', {
      ...cluster('member2', 'us-east', 'False'),
      metadata: current!.metadata,
    });
    const { answer, stderr } = await answerOf(
      '--etcd',
      server.endpoint,
      '--flavor',
      'karmada',
      '--fail',
      'member1',
    );
    expect(stderr).toBe('note: member2 is not Ready now; the what-if fails it too\n');
    expect(answer.failed).toEqual(['member1', 'member2']);
    // As if both had failed in the scenario: no weighted cluster is left, so foo goes to member3.
    const fromFile = await answerOf(seed, '--fail', 'member1', '--fail', 'member2');
    expect(answer.workloads).toEqual(fromFile.answer.workloads);
    expect(answer.workloads['default/foo']).toMatchObject({
      placement: { member3: 2 },
      shortBy: 0,
    });
    expect(answer.clusters).toEqual(fromFile.answer.clusters);
  }, 120_000);
});
