import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeCluster } from '@lifeboat/core/testing';
import type { Cluster } from '@lifeboat/core';
import { HttpClusterProber } from './http-cluster-prober';

// Real servers on loopback (real time: the timeout case waits 200 ms). The TLS fixtures are a
// throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made for these tests.
const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const servers: (http.Server | https.Server)[] = [];

async function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function serve(
  handler: Handler,
): Promise<{ cluster: Cluster; paths: string[]; headers: http.IncomingHttpHeaders[] }> {
  const paths: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const port = await listen(
    http.createServer((req, res) => {
      paths.push(req.url ?? '');
      headers.push(req.headers);
      handler(req, res);
    }),
  );
  return { cluster: withEndpoint(`http://127.0.0.1:${port}`), paths, headers };
}

function withEndpoint(apiEndpoint: string): Cluster {
  const cluster = makeCluster('member1').build();
  return { ...cluster, spec: { ...cluster.spec, apiEndpoint } };
}

const status =
  (byPath: Record<string, number>): Handler =>
  (req, res) => {
    res.statusCode = byPath[req.url ?? ''] ?? 404;
    res.end('ok');
  };

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

interface StatusCase {
  readonly name: string;
  readonly byPath: Record<string, number>;
  readonly want: { online: boolean; healthy: boolean };
  readonly paths: string[];
}

describe('HttpClusterProber against real HTTP servers', () => {
  const prober = new HttpClusterProber({ timeoutMs: 200 });

  it.each<StatusCase>([
    {
      name: '200 on /readyz is online and healthy',
      byPath: { '/readyz': 200 },
      want: { online: true, healthy: true },
      paths: ['/readyz'],
    },
    {
      name: '500 on /readyz is online but not healthy, and /healthz is not asked',
      byPath: { '/readyz': 500, '/healthz': 200 },
      want: { online: true, healthy: false },
      paths: ['/readyz'],
    },
    {
      name: '404 on /readyz falls back to /healthz, which answers 200',
      byPath: { '/healthz': 200 },
      want: { online: true, healthy: true },
      paths: ['/readyz', '/healthz'],
    },
    {
      name: '404 on /readyz and 503 on /healthz is online but not healthy',
      byPath: { '/healthz': 503 },
      want: { online: true, healthy: false },
      paths: ['/readyz', '/healthz'],
    },
    {
      name: '404 on both endpoints is online but not healthy',
      byPath: {},
      want: { online: true, healthy: false },
      paths: ['/readyz', '/healthz'],
    },
  ])('$name', async ({ byPath, want, paths }) => {
    const server = await serve(status(byPath));
    expect(await prober.probe(server.cluster)).toMatchObject(want);
    expect(server.paths).toEqual(paths);
  });

  it('a server that never answers is offline once the timeout passes', async () => {
    const server = await serve(() => undefined);
    const result = await prober.probe(server.cluster);
    expect(result).toMatchObject({ online: false, healthy: false });
    expect(result.detail).toContain('within 200 ms');
  });

  it('answers from the status alone and stops reading an endless body', async () => {
    let sent = 0;
    let closed = false;
    const server = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // Would stream forever; the prober must hang up instead of reading it.
      const write = (): void => {
        while (!res.destroyed && sent < 1024 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
      };
      res.on('close', () => (closed = true));
      res.on('error', () => undefined);
      write();
    });
    expect(await prober.probe(server.cluster)).toMatchObject({ online: true, healthy: true });
    for (let i = 0; i < 50 && !closed; i++) await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
    expect(sent).toBeLessThan(1024 * 1024 * 1024);
  });

  it('a refused connection is offline', async () => {
    const port = await listen(http.createServer());
    const closing = servers.pop() as http.Server;
    await new Promise<void>((resolve) => closing.close(() => resolve()));
    const result = await prober.probe(withEndpoint(`http://127.0.0.1:${port}`));
    expect(result).toMatchObject({ online: false, healthy: false });
    expect(result.detail).toContain('ECONNREFUSED');
  });

  it('keeps a path prefix of the endpoint and sends the bearer token', async () => {
    const server = await serve(status({ '/k8s/clusters/member1/readyz': 200 }));
    const cluster = {
      ...server.cluster,
      spec: {
        ...server.cluster.spec,
        apiEndpoint: `${server.cluster.spec.apiEndpoint}/k8s/clusters/member1/`,
      },
    };
    const withToken = new HttpClusterProber({
      timeoutMs: 200,
      credentialsFor: () => ({ bearerToken: 's3cret' }),
    });
    expect(await withToken.probe(cluster)).toMatchObject({ online: true, healthy: true });
    expect(server.headers[0]?.authorization).toBe('Bearer s3cret');
  });

  it.each([
    {
      name: 'a cluster without apiEndpoint is offline',
      endpoint: undefined,
      detail: 'no spec.apiEndpoint',
    },
    {
      name: 'a malformed apiEndpoint is offline',
      endpoint: 'not a url',
      detail: 'invalid spec.apiEndpoint',
    },
  ])('$name', async ({ endpoint, detail }) => {
    const cluster = makeCluster('member1').build();
    const result = await prober.probe({
      ...cluster,
      spec: { ...cluster.spec, apiEndpoint: endpoint },
    });
    expect(result).toMatchObject({ online: false, healthy: false });
    expect(result.detail).toContain(detail);
  });
});

describe('HttpClusterProber over TLS', () => {
  async function tlsServer(requireClientCert: boolean): Promise<Cluster> {
    const port = await listen(
      https.createServer(
        {
          key: fixture('server-key.pem'),
          cert: fixture('server.pem'),
          ca: fixture('ca.pem'),
          requestCert: requireClientCert,
          rejectUnauthorized: requireClientCert,
        },
        (_req, res) => {
          res.statusCode = 200;
          res.end('ok');
        },
      ),
    );
    return withEndpoint(`https://127.0.0.1:${port}`);
  }

  it.each([
    {
      name: 'trusts the server when given its CA',
      credentials: { ca: fixture('ca.pem') },
      clientCert: false,
      online: true,
    },
    {
      name: 'refuses a server signed by an unknown CA',
      credentials: {},
      clientCert: false,
      online: false,
    },
    {
      name: 'skips verification when told to',
      credentials: { insecureSkipTLSVerify: true },
      clientCert: false,
      online: true,
    },
    {
      name: 'presents a client certificate to a server that requires one',
      credentials: {
        ca: fixture('ca.pem'),
        cert: fixture('client.pem'),
        key: fixture('client-key.pem'),
      },
      clientCert: true,
      online: true,
    },
    {
      name: 'is refused by a server that requires a client certificate it lacks',
      credentials: { ca: fixture('ca.pem') },
      clientCert: true,
      online: false,
    },
    {
      name: 'reports a malformed client key as a failed probe instead of throwing',
      credentials: { ca: fixture('ca.pem'), cert: fixture('client.pem'), key: 'not a key' },
      clientCert: true,
      online: false,
    },
  ])('$name', async ({ credentials, clientCert, online }) => {
    const cluster = await tlsServer(clientCert);
    const prober = new HttpClusterProber({ timeoutMs: 1000, credentialsFor: () => credentials });
    expect(await prober.probe(cluster)).toMatchObject({ online, healthy: online });
  });
});
