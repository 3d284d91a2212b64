import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError, formatIssue } from '@lifeboat/core';
import { stateConnectionOf, type StateFlags } from './state-session';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-state-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HUB = `apiVersion: v1
kind: Config
clusters: [{name: hub, cluster: {server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: s3cret-token}}]
contexts: [{name: hub, context: {cluster: hub, user: admin}}]
current-context: hub
`;
const hubFile = join(dir, 'hub.kubeconfig');
writeFileSync(hubFile, HUB);

/** The one-line messages a refusal prints (exit code 2), or `accepted`. */
async function refusal(flags: StateFlags): Promise<string> {
  try {
    await stateConnectionOf({ etcdTimeout: '5s', ...flags }, {});
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map(formatIssue).join('\n');
  }
}

describe('where the state is: exactly one of --etcd and --kubeconfig', () => {
  it.each<[string, StateFlags, string]>([
    [
      'neither',
      {},
      '--etcd: say where the state is: --etcd URL (etcd) or --kubeconfig FILE (the hub cluster)',
    ],
    [
      'both',
      { etcd: 'http://127.0.0.1:2379', kubeconfig: hubFile },
      '--kubeconfig: --etcd and --kubeconfig are two places for the same state; give only one',
    ],
    [
      'an etcd CA with the hub',
      { kubeconfig: hubFile, etcdCa: '/etc/etcd/ca.crt' },
      '--etcd-ca: only applies with --etcd',
    ],
    [
      'an etcd user with the hub',
      { kubeconfig: hubFile, etcdUser: 'lifeboat' },
      '--etcd-user: only applies with --etcd',
    ],
    [
      'a hub context with etcd',
      { etcd: 'http://127.0.0.1:2379', context: 'hub' },
      '--context: only applies with --kubeconfig',
    ],
    [
      'a hub kubeconfig that is not there',
      { kubeconfig: join(dir, 'missing.kubeconfig') },
      `--kubeconfig: ${join(dir, 'missing.kubeconfig')}: no such file`,
    ],
    [
      'a hub context the kubeconfig lacks',
      { kubeconfig: hubFile, context: 'prod' },
      `--kubeconfig: the hub: kubeconfig ${hubFile}: contexts: no context "prod" (contexts: hub)`,
    ],
  ])('%s is refused naming the flag', async (_case, flags, message) => {
    const text = await refusal(flags);
    expect(text).toBe(message);
    expect(text).not.toContain('s3cret');
  });

  it('takes etcd with its TLS files, or the hub with the context it names', async () => {
    const ca = join(dir, 'ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const etcd = await stateConnectionOf(
      { etcd: 'https://127.0.0.1:2379', etcdTimeout: '5s', etcdCa: ca },
      {},
    );
    expect('etcd' in etcd && etcd.etcd.tls?.ca?.toString()).toBe('-----BEGIN CERTIFICATE-----\n');
    const hub = await stateConnectionOf({ kubeconfig: hubFile, context: 'hub' }, {});
    expect('hub' in hub && [hub.hub.context, hub.hub.server.origin]).toEqual([
      'hub',
      'https://127.0.0.1:6443',
    ]);
  });
});
