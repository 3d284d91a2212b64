import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError, formatIssue } from '@lifeboat/core';
import { parseControllerConfig } from './controller-config';
import { mergeEtcdSettings } from './controller-etcd-config';
import { etcdConnectionOf, type EtcdFlags } from './etcd-flags';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-etcd-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Issues of a refused config, formatted as the CLI prints them. */
function refusal(document: unknown): string[] {
  try {
    parseControllerConfig(document, 'karmada', dir);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('accepted');
}

const defaults: EtcdFlags = { etcdTimeout: '5s' };
const none = () => false;

describe('the etcd section of the controller config', () => {
  it('gives every etcd flag, files relative to the config file', async () => {
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    writeFileSync(join(dir, 'ctl.crt'), 'CERT');
    writeFileSync(join(dir, 'ctl.key'), 'KEY');
    writeFileSync(join(dir, 'password'), 's3cret\n');
    const config = parseControllerConfig(
      {
        etcd: {
          endpoints: ['https://127.0.0.1:2379', 'https://127.0.0.2:2379'],
          timeout: '2s',
          ca: 'ca.crt',
          cert: 'ctl.crt',
          key: join(dir, 'ctl.key'),
          user: 'lifeboat-controller',
          passwordFile: 'password',
        },
      },
      'karmada',
      dir,
    );
    const { flags, paths } = mergeEtcdSettings(defaults, config.etcd, none);
    expect(await etcdConnectionOf(flags, {}, paths)).toEqual({
      endpoints: 'https://127.0.0.1:2379,https://127.0.0.2:2379',
      timeoutMs: 2_000,
      tls: { ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') },
      auth: { username: 'lifeboat-controller', password: 's3cret' },
    });
  });

  it('is overridden flag by flag by what the command line gives', async () => {
    const config = parseControllerConfig(
      { etcd: { endpoints: 'http://127.0.0.1:2379', timeout: 3 } },
      'karmada',
      dir,
    );
    const given = new Set<keyof EtcdFlags>(['etcd']);
    const { flags, paths } = mergeEtcdSettings(
      { etcd: 'http://127.0.0.9:2379', etcdTimeout: '5s' },
      config.etcd,
      (flag) => given.has(flag),
    );
    expect(await etcdConnectionOf(flags, {}, paths)).toEqual({
      endpoints: 'http://127.0.0.9:2379',
      timeoutMs: 3_000,
    });
    // Without the section, the flags alone.
    expect(mergeEtcdSettings(defaults, undefined, none)).toEqual({ flags: defaults, paths: {} });
  });

  it('refuses a bad section at its field paths', () => {
    expect(refusal({ etcd: { endpoints: [], ca: '', user: 7, password: 'x' } }).sort()).toEqual([
      'etcd.ca: must name a file',
      expect.stringMatching(/^etcd\.endpoints: /),
      'etcd.password: unknown field "password"',
      expect.stringMatching(/^etcd\.user: /),
    ]);
    expect(refusal({ etcd: 'http://127.0.0.1:2379' })).toEqual([expect.stringMatching(/^etcd: /)]);
  });

  it('names the field, not a flag, when a value from the file is wrong', async () => {
    const check = async (etcd: Record<string, unknown>) => {
      const config = parseControllerConfig({ etcd }, 'karmada', dir);
      const { flags, paths } = mergeEtcdSettings(defaults, config.etcd, none);
      return etcdConnectionOf(flags, {}, paths).then(
        () => 'accepted',
        (error: ValidationError) => error.issues.map(formatIssue).join('\n'),
      );
    };
    expect(await check({ endpoints: 'http://u:s3cret@127.0.0.1:2379' })).toMatch(
      /^etcd\.endpoints: http:\/\/\*\*\*@127\.0\.0\.1:2379 has a user name or password in it/,
    );
    expect(await check({ endpoints: 'http://127.0.0.1:2379', timeout: '11m' })).toMatch(
      /^etcd\.timeout: duration "11m" is above the maximum 10m/,
    );
    expect(await check({ endpoints: 'http://127.0.0.1:2379', ca: 'missing.crt' })).toBe(
      `etcd.ca: ${join(dir, 'missing.crt')}: no such file`,
    );
    expect(await check({ endpoints: 'http://127.0.0.1:2379', cert: 'ctl.crt' })).toBe(
      'etcd.key: a client certificate needs both etcd.cert and etcd.key',
    );
    expect(await check({ endpoints: 'http://127.0.0.1:2379', user: 'u' })).toBe(
      'etcd.passwordFile: etcd.user needs a password: etcd.passwordFile FILE or LIFEBOAT_ETCD_PASSWORD',
    );
    expect(await check({})).toBe(
      'etcd.endpoints: no etcd endpoints: give --etcd URLS (or etcd.endpoints in --config)',
    );
  });
});
