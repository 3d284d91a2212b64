import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@lifeboat/core';
import { stringify } from 'yaml';
import { TestCertificateAuthority } from '../testing/tls-material';
import { loadMembers } from './load-members';
import { REDACTED } from './redactor';

const TOKEN = 'sekrit-bearer-token-0123456789';
const EXEC_SECRET = 'exec-env-password-abcdef';

/** A throwaway client certificate and key from the API double's test CA (the tables below need them at load). */
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-members-'));
const authority = TestCertificateAuthority.create();
const { certificate: certPem, key: keyPem } = authority.issueClient('lifeboat-test');
authority.dispose();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function kubeconfig(
  user: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'c1',
        cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64(certPem) },
      },
    ],
    users: [{ name: 'u1', user }],
    contexts: [{ name: 'ctx1', context: { cluster: 'c1', user: 'u1' } }],
    'current-context': 'ctx1',
    ...overrides,
  });
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function membersFile(name: string, members: unknown[]): string {
  return write(name, stringify({ apiVersion: 'lifeboat.dev/v1alpha1', kind: 'Members', members }));
}

async function issuesOf(path: string): Promise<string[]> {
  try {
    await loadMembers(path, '--members');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('loadMembers', () => {
  it('reads a members file: each member its kubeconfig context, server and declared location', async () => {
    write('m1.yaml', kubeconfig({ token: TOKEN }));
    write(
      'm2.yaml',
      kubeconfig({ 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) }),
    );
    const file = membersFile('members.yaml', [
      {
        name: 'member1',
        kubeconfig: 'm1.yaml',
        region: 'eu-west',
        zones: ['eu-west-1'],
        labels: { env: 'prod' },
      },
      { name: 'member2', kubeconfig: 'm2.yaml', context: 'ctx1', provider: 'aws' },
    ]);
    const members = await loadMembers(file);
    expect(members.map((m) => [m.name, m.context, m.server.href, m.location])).toEqual([
      [
        'member1',
        'ctx1',
        'https://127.0.0.1:6443/',
        { region: 'eu-west', zones: ['eu-west-1'], labels: { env: 'prod' } },
      ],
      ['member2', 'ctx1', 'https://127.0.0.1:6443/', { provider: 'aws' }],
    ]);
    // client-node holds exactly the chosen context, so its credentials are the ones applied.
    expect(members[0]?.kubeConfig.getCurrentUser()?.token).toBe(TOKEN);
    expect(members[1]?.kubeConfig.getCurrentUser()?.keyData).toBe(b64(keyPem));
  });

  it('reads a directory of kubeconfigs: one member per file, named after it', async () => {
    const sub = join(dir, 'fleet');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'east.kubeconfig'), kubeconfig({ token: TOKEN }));
    writeFileSync(join(sub, 'west.yaml'), kubeconfig({ token: TOKEN }));
    writeFileSync(join(sub, '.hidden'), 'not a kubeconfig');
    writeFileSync(join(sub, 'README.md'), 'not a kubeconfig');
    const members = await loadMembers(sub);
    expect(members.map((m) => m.name)).toEqual(['east', 'west']);
  });

  it('resolves relative files against the kubeconfig, as kubectl does', async () => {
    const sub = join(dir, 'relative');
    mkdirSync(join(sub, 'pki'), { recursive: true });
    writeFileSync(join(sub, 'pki', 'ca.crt'), certPem);
    writeFileSync(join(sub, 'pki', 'token'), TOKEN);
    writeFileSync(
      join(sub, 'edge.yaml'),
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'c',
            cluster: { server: 'https://10.0.0.1', 'certificate-authority': 'pki/ca.crt' },
          },
        ],
        users: [{ name: 'u', user: { 'token-file': 'pki/token' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    const [edge] = await loadMembers(sub);
    expect(edge?.kubeConfig.getCurrentCluster()?.caFile).toBe(join(sub, 'pki', 'ca.crt'));
    expect(edge?.kubeConfig.getCurrentUser()?.token).toBe(TOKEN);
  });

  it.each([
    [
      'a context the kubeconfig lacks',
      { context: 'nope' },
      kubeconfig({ token: TOKEN }),
      'contexts: no context "nope" (contexts: ctx1)',
    ],
    [
      'no current context and none named',
      {},
      kubeconfig({ token: TOKEN }, { 'current-context': undefined }),
      'current-context: not set; name a context in the members file',
    ],
    [
      'a server that is not https',
      {},
      kubeconfig({ token: TOKEN }, { clusters: [{ name: 'c1', cluster: { server: 'ftp://x' } }] }),
      'clusters[c1].cluster.server: must be an https:// URL, not ftp:',
    ],
    [
      'a context naming a missing user',
      {},
      kubeconfig(
        { token: TOKEN },
        { contexts: [{ name: 'ctx1', context: { cluster: 'c1', user: 'ghost' } }] },
      ),
      'contexts[ctx1].context.user: no user "ghost"',
    ],
    [
      'a client certificate without its key',
      {},
      kubeconfig({ 'client-certificate-data': b64(certPem) }),
      'users[u1].user.client-key: missing (a client certificate needs its key)',
    ],
    [
      'key data that is not PEM',
      {},
      kubeconfig({ 'client-certificate-data': b64(certPem), 'client-key-data': b64('garbage') }),
      'users[u1].user.client-key-data: not base64 of a PEM block',
    ],
    [
      'an unreadable CA file',
      {},
      kubeconfig(
        { token: TOKEN },
        {
          clusters: [
            {
              name: 'c1',
              cluster: { server: 'https://x', 'certificate-authority': '/nonexistent/ca.crt' },
            },
          ],
        },
      ),
      'clusters[c1].cluster.certificate-authority: /nonexistent/ca.crt cannot be read (ENOENT)',
    ],
    [
      'an exec plugin without a command',
      {},
      kubeconfig({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          env: [{ name: 'P', value: EXEC_SECRET }],
        },
      }),
      'users[u1].user.exec.command: missing',
    ],
  ])('refuses %s, naming the member and the field', async (_case, extra, text, message) => {
    const file = `bad-${Math.random().toString(36).slice(2)}`;
    write(`${file}.yaml`, text);
    const members = membersFile(`${file}-members.yaml`, [
      { name: 'member1', kubeconfig: `${file}.yaml`, ...extra },
    ]);
    expect(await issuesOf(members)).toEqual([
      `--members members[0]: member "member1": kubeconfig ${join(dir, `${file}.yaml`)}: ${message}`,
    ]);
  });

  it('reports every member with a problem at once, and problems of the members file by field', async () => {
    const file = membersFile('many.yaml', [
      { name: 'a', kubeconfig: 'missing-a.yaml' },
      { name: 'b', kubeconfig: 'missing-b.yaml' },
    ]);
    expect(await issuesOf(file)).toEqual([
      `--members members[0].kubeconfig: member "a": ${join(dir, 'missing-a.yaml')}: no such file`,
      `--members members[1].kubeconfig: member "b": ${join(dir, 'missing-b.yaml')}: no such file`,
    ]);
    const bad = membersFile('bad-fields.yaml', [
      { name: 'Upper', kubeconfig: 'x' },
      { name: 'dup', kubeconfig: 'x' },
      { name: 'dup', kubeconfig: 'x', colour: 'red' },
    ]);
    expect(await issuesOf(bad)).toEqual([
      '--members members[0].name: must be a DNS-1123 label (lower case, digits, "-") (got "Upper")',
      '--members members[2].colour: unknown field "colour"',
      '--members members[2].name: duplicate member "dup"',
    ]);
  });

  it('points out a kubeconfig passed where a members file belongs', async () => {
    const path = write('plain-kubeconfig.yaml', kubeconfig({ token: TOKEN }));
    expect(await issuesOf(path)).toEqual([
      `--members: ${path} is a kubeconfig; pass a members file (kind: Members) or a directory of kubeconfigs`,
    ]);
  });

  it('never shows a secret: not in YAML errors, TLS errors or any other message', async () => {
    // A broken line right after the token: YAML errors give a position, not the text around it.
    const yamlBroken = `users:\n- name: u\n  user:\n    token: ${TOKEN}\n   : [\n`;
    write('secret-yaml.yaml', yamlBroken);
    // A key whose PEM armour is intact but whose body is junk: OpenSSL fails on it.
    const junkKey = `-----BEGIN PRIVATE KEY-----\n${b64(TOKEN.repeat(4))}\n-----END PRIVATE KEY-----\n`;
    write(
      'secret-tls.yaml',
      kubeconfig({
        'client-certificate-data': b64(certPem),
        'client-key-data': b64(junkKey),
        password: TOKEN,
      }),
    );
    write(
      'secret-server.yaml',
      kubeconfig(
        { token: TOKEN },
        { clusters: [{ name: 'c1', cluster: { server: `https://${TOKEN}` } }] },
      ),
    );
    write('secret-exec.yaml', kubeconfig({ exec: { env: [{ name: 'P', value: EXEC_SECRET }] } }));
    const file = membersFile('secrets.yaml', [
      { name: 'yaml', kubeconfig: 'secret-yaml.yaml' },
      { name: 'tls', kubeconfig: 'secret-tls.yaml' },
      { name: 'exec', kubeconfig: 'secret-exec.yaml' },
    ]);
    const issues = await issuesOf(file);
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatch(/member "yaml": .*not valid YAML \(\w+ at line \d+, column \d+\)$/);
    expect(issues[1]).toMatch(
      /member "tls": .*users\[u1\]\.user\.client-certificate\/client-key: not usable/,
    );
    expect(issues[2]).toMatch(/member "exec": .*exec\.command: missing/);
    for (const issue of issues) {
      expect(issue).not.toContain(TOKEN);
      expect(issue).not.toContain(EXEC_SECRET);
      expect(issue).not.toContain(b64(junkKey));
    }
    // A secret that ends up inside a value shown in a message is replaced.
    const members = await loadMembers(
      membersFile('secret-url.yaml', [{ name: 'url', kubeconfig: 'secret-server.yaml' }]),
    );
    expect(members[0]?.redactor.redact(`GET ${members[0]?.server.href}`)).toBe(
      `GET https://${REDACTED}/`,
    );
  });
});
