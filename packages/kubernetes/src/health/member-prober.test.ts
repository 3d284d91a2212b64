import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock, type Cluster } from '@lifeboat/core';
import { parse, stringify } from 'yaml';
import { MemberClient, MemberUnreachableError } from '../members/member-client';
import { memberFromKubeconfig } from '../members/member-kubeconfig';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { MemberProber } from './member-prober';

let double: KubernetesApiDouble;
let dir: string;
const clock = new VirtualClock(0);

beforeAll(async () => {
  double = await KubernetesApiDouble.start();
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-probe-'));
});
afterAll(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  double.setHealth({ readyz: true, healthz: true, livez: true });
  await double.setNetwork('up');
});

function client(
  kubeconfig: string,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): MemberClient {
  const source = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(source, kubeconfig);
  return new MemberClient(
    memberFromKubeconfig({ name: 'member1', kubeconfig: source }, kubeconfig, source, 'members[0]'),
    clock,
    options,
  );
}

const cluster = (name: string): Cluster => ({ metadata: { name }, spec: { syncMode: 'Push' } });

function proberFor(c: MemberClient, timeoutMs?: number): MemberProber {
  return new MemberProber(new Map([[c.name, c]]), timeoutMs === undefined ? {} : { timeoutMs });
}

/** A kubeconfig whose user is an exec plugin: a script that prints an ExecCredential with `token`. */
function execKubeconfig(token: string, exitCode = 0): string {
  const script = join(dir, `credential-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(
    script,
    exitCode === 0
      ? `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"'"$LIFEBOAT_TOKEN"'"}}'\n`
      : `#!/bin/sh\necho "login failed for token $LIFEBOAT_TOKEN" >&2\nexit ${exitCode}\n`,
  );
  chmodSync(script, 0o755);
  const config = parse(double.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
  (config.users[0] as { user: Record<string, unknown> }).user = {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: script,
      env: [{ name: 'LIFEBOAT_TOKEN', value: token }],
      interactiveMode: 'Never',
    },
  };
  return stringify(config);
}

describe('MemberProber against the API double', () => {
  it('is healthy while /readyz answers 200, and online but not healthy when it does not', async () => {
    const prober = proberFor(client(double.kubeconfig()));
    expect(await prober.probe(cluster('member1'))).toEqual({ online: true, healthy: true });
    double.setHealth({ readyz: false });
    expect(await prober.probe(cluster('member1'))).toEqual({
      online: true,
      healthy: false,
      detail: expect.stringMatching(/^health endpoint answered 5\d\d$/),
    });
  });

  it('is offline when the API server is down, naming the member and its server', async () => {
    const prober = proberFor(client(double.kubeconfig()));
    await double.setNetwork('down');
    const result = await prober.probe(cluster('member1'));
    expect(result.online).toBe(false);
    expect(result.detail).toContain(
      `member "member1" (server ${double.url}, kubeconfig context "double") is unreachable`,
    );
  });

  it('gives up on a member that accepts the connection and never answers', async () => {
    const prober = proberFor(client(double.kubeconfig()), 300);
    await double.setNetwork('hang');
    const result = await prober.probe(cluster('member1'));
    expect(result).toEqual({
      online: false,
      healthy: false,
      detail: expect.stringContaining('no answer to /readyz within 300 ms'),
    });
  });

  it('treats a cluster that is not in the members file as offline', async () => {
    const prober = proberFor(client(double.kubeconfig()));
    expect(await prober.probe(cluster('stranger'))).toEqual({
      online: false,
      healthy: false,
      detail: 'cluster "stranger" is not in the members file',
    });
  });

  it('observes what a Clusternet agent reports, from the same connection', async () => {
    double.addNode({ name: 'node-a', cpu: '4', memory: '8Gi' });
    double.setHealth({ readyz: false });
    const observation = await proberFor(client(double.kubeconfig())).observe('member1');
    expect(observation).toMatchObject({ healthz: true, livez: true, readyz: false });
    expect(
      observation.nodes.map((n) => [n.name, n.ready, n.allocatable.cpu?.toString()]),
    ).toContainEqual(['node-a', 'True', '4']);
    await double.setNetwork('down');
    await expect(proberFor(client(double.kubeconfig())).observe('member1')).rejects.toThrow(
      MemberUnreachableError,
    );
  });

  it.each([
    ['a bearer token', () => double.kubeconfig()],
    [
      'a client certificate and key',
      () => double.kubeconfig({ credentials: 'certificate', user: 'lifeboat' }),
    ],
    ['an exec plugin', () => execKubeconfig(double.token)],
  ])('authenticates with %s from the kubeconfig', async (_case, kubeconfig) => {
    const nodes = await client(kubeconfig()).json<{ kind: string }>({ path: '/api/v1/nodes' });
    expect(nodes.kind).toBe('NodeList');
  });

  it('never puts a secret in an error: not a refused token, not an exec plugin failure', async () => {
    const wrong = 'not-the-token-0123456789abcdef';
    const config = parse(double.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
    (config.users[0] as { user: Record<string, unknown> }).user = { token: wrong };
    const refused = await client(stringify(config))
      .json({ path: `/api/v1/nodes?token=${wrong}` })
      .catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(
      /member "member1": GET \/api\/v1\/nodes\?token=\[redacted\] answered 401/,
    );
    expect((refused as Error).message).not.toContain(wrong);

    const failing = await client(execKubeconfig(wrong, 1))
      .request({ path: '/api/v1/nodes' })
      .catch((error: Error) => error);
    expect(failing).toBeInstanceOf(MemberUnreachableError);
    expect((failing as Error).message).toContain(
      'its credentials could not be produced (login failed for token [redacted]',
    );
    expect((failing as Error).message).not.toContain(wrong);
  });

  it('refuses a reply larger than its cap', async () => {
    const small = client(double.kubeconfig(), { maxBytes: 64 });
    await expect(small.request({ path: '/api/v1/nodes' })).rejects.toThrow(
      'is unreachable: its reply to /api/v1/nodes is larger than 64 bytes',
    );
  });
});
