import { readFileSync } from 'node:fs';
import { Range } from 'etcd3';
import { RealClock } from '@lifeboat/core';
import { EtcdServer } from '../testing/etcd-server';
import { createTestCertificates, type TestCertificates } from '../testing/test-certificates';
import { connectEtcd } from './connect-etcd';
import { EtcdHealth } from './etcd-health';

// A real etcd that serves TLS only and requires client certificates (certificates made by the
// test with openssl), then with password authentication on top.

const clock = new RealClock();
let certs: TestCertificates;
let server: EtcdServer;

beforeAll(async () => {
  certs = createTestCertificates(['root', 'lifeboat-test']);
  server = await EtcdServer.start({ tls: { ca: certs.ca, ...certs.server } });
}, 30_000);

afterAll(async () => {
  await server?.dispose();
  certs?.dispose();
});

const ca = () => readFileSync(certs.ca);
const client = (name: string) => ({
  cert: readFileSync(certs.clients[name]?.cert as string),
  key: readFileSync(certs.clients[name]?.key as string),
});

describe('connectEtcd to an etcd with TLS and client-certificate authentication', () => {
  it('connects with the CA and a client certificate, and reads and writes', async () => {
    const etcd = await connectEtcd(server.endpoint, {
      tls: { ca: ca(), ...client('lifeboat-test') },
    });
    try {
      await etcd.put('/tls/k').value('v');
      expect(await etcd.get('/tls/k').string()).toBe('v');
    } finally {
      etcd.close();
    }
  });

  it.each([
    ['without a client certificate', () => ({ ca: ca() })],
    ['without the CA that signed the server certificate', () => client('lifeboat-test')],
  ])('is refused %s, with one clear line', async (_case, tls) => {
    const attempt = connectEtcd(server.endpoint, { tls: tls(), timeoutMs: 2_000 });
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `^cannot reach etcd at ${server.endpoint}: .*; check that etcd is running and the URL is right$`,
      ),
    );
  });

  it('with auth enabled: the right password works, a wrong or missing one is refused clearly', async () => {
    const admin = await connectEtcd(server.endpoint, { tls: { ca: ca(), ...client('root') } });
    await admin.user('root').create('root-secret');
    await admin.user('root').addRole('root');
    await admin.user('alice').create('alice-secret');
    await admin.role('reader').create();
    await admin.role('reader').grant({
      permission: 'Read',
      range: Range.prefix('/lifeboat/'),
    });
    await admin.user('alice').addRole('reader');
    await admin.auth.authEnable();
    admin.close();
    const tls = { ca: ca(), ...client('lifeboat-test') };
    try {
      const alice = await connectEtcd(server.endpoint, {
        tls,
        auth: { username: 'alice', password: 'alice-secret' },
      });
      alice.close();
      await expect(
        connectEtcd(server.endpoint, { tls, auth: { username: 'alice', password: 'wrong' } }),
      ).rejects.toThrow(/: etcd refused the user name or password; /);
      // Without a password etcd takes the certificate's common name as the user, who has no role.
      await expect(connectEtcd(server.endpoint, { tls })).rejects.toThrow(
        /: etcd refused this user: permission denied; /,
      );
    } finally {
      const root = await connectEtcd(server.endpoint, {
        tls,
        auth: { username: 'root', password: 'root-secret' },
      });
      await root.auth.authDisable();
      root.close();
    }
  });
});

describe('EtcdHealth', () => {
  it('turns unhealthy while etcd is stopped and healthy again once it answers', async () => {
    const etcd = await connectEtcd(server.endpoint, {
      tls: { ca: ca(), ...client('lifeboat-test') },
    });
    const changes: boolean[] = [];
    const health = new EtcdHealth({
      client: etcd,
      intervalMs: 200,
      onChange: (healthy) => changes.push(healthy),
    });
    health.start();
    try {
      await server.stop();
      for (let i = 0; i < 50 && health.healthy; i++) await clock.sleep(100); // real time: etcd is really down
      expect(health.healthy).toBe(false);
      await server.resume();
      for (let i = 0; i < 100 && !health.healthy; i++) await clock.sleep(100);
      expect(health.healthy).toBe(true);
      expect(changes).toEqual([false, true]);
    } finally {
      await health.stop();
      etcd.close();
    }
  }, 30_000);
});
