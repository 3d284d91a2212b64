import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RealClock, parseResourceList } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { Registry } from 'prom-client';
import { ClusternetMetrics } from '../metrics';
import {
  HttpPredictorTransport,
  PREDICTOR_ADDRESS_ANNOTATION,
} from '../scheduling/plugins/predictor/http-predictor-transport';
import type { PredictorNode } from './compute-replicas';
import { PredictorClient, PredictorError } from './predictor-client';
import { createPredictorHandler } from './predictor-handler';
import type { ReplicaRequirements } from './protocol';

// These tests talk real HTTP on loopback, so the deadline runs on real time.
const realClock = new RealClock();

function node(
  name: string,
  allocatable: Record<string, string>,
  requested: Record<string, string> = {},
  podCount = 0,
): PredictorNode {
  return {
    name,
    allocatable: parseResourceList(allocatable),
    requested: parseResourceList(requested),
    podCount,
  };
}

const nodes: PredictorNode[] = [
  node('n1', { cpu: '4', memory: '8Gi', pods: '110' }, { cpu: '1' }),
  node('n2', { cpu: '2', memory: '1Gi', pods: '110' }),
];

const oneReplica: ReplicaRequirements = {
  resources: { requests: { cpu: '500m', memory: '256Mi' } },
};

describe('the predictor over real HTTP', () => {
  const servers: Server[] = [];

  async function serve(listener: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers the replicas the free resources of the feasible nodes hold', async () => {
    const address = await serve(createPredictorHandler(() => nodes));
    const client = new PredictorClient(realClock, { timeoutMs: 2000 });
    // n1: min(3 cpu / 0.5, 8Gi / 256Mi) = 6; n2: min(2 / 0.5, 1Gi / 256Mi) = 4.
    await expect(client.predict(address, oneReplica, 'cluster-1')).resolves.toBe(10);
  });

  it('sends the asking cluster in the Cluster-ID header', async () => {
    let seen: string | undefined;
    const handler = createPredictorHandler(() => nodes);
    const address = await serve((req, res) => {
      seen = req.headers['cluster-id'] as string | undefined;
      handler(req, res);
    });
    await new PredictorClient(realClock, { timeoutMs: 2000 }).predict(
      address,
      oneReplica,
      'uid-42',
    );
    expect(seen).toBe('uid-42');
  });

  it('reports a 500 from the agent as an HttpStatus failure', async () => {
    const address = await serve(
      createPredictorHandler(() =>
        [node('tainted', { cpu: '1' })].map((n) => ({
          ...n,
          taints: [{ key: 'k', effect: 'NoSchedule' as const }],
        })),
      ),
    );
    const failure = await new PredictorClient(realClock, { timeoutMs: 2000 })
      .predict(address, oneReplica)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PredictorError);
    expect(failure).toMatchObject({ failure: 'HttpStatus', statusCode: 500 });
    expect((failure as Error).message).toContain('0 nodes are feasible');
  });

  it('gives up after the timeout when the agent does not answer', async () => {
    const address = await serve(() => {
      // never answers
    });
    const started = realClock.now();
    const failure = await new PredictorClient(realClock, { timeoutMs: 200 })
      .predict(address, oneReplica)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: 'Timeout' });
    expect(realClock.now() - started).toBeGreaterThanOrEqual(190);
    expect(realClock.now() - started).toBeLessThan(2000);
  });

  it('cuts off an oversized answer as a BadResponse without reading it all', async () => {
    let sent = 0;
    const address = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // Streams up to 64 MiB; the client must stop long before.
      const write = (): void => {
        while (sent < 64 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => undefined);
      write();
    });
    const failure = await new PredictorClient(realClock, {
      timeoutMs: 10_000,
      maxResponseBytes: 256 * 1024,
    })
      .predict(address, oneReplica)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      failure: 'BadResponse',
      message: `predictor at ${address} answered more than 262144 bytes`,
    });
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports an answer without the default key as a BadResponse', async () => {
    const address = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ replicas: { 'topology.kubernetes.io/zone=a': 3 } }));
    });
    const failure = await new PredictorClient(realClock, { timeoutMs: 2000 })
      .predict(address, oneReplica)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: 'BadResponse' });
  });

  it('reaches a cluster through the predictor address annotation, and skips a cluster without one', async () => {
    const address = await serve(createPredictorHandler(() => nodes));
    const transport = new HttpPredictorTransport(
      new PredictorClient(realClock, { timeoutMs: 2000 }),
    );
    const withPredictor = makeCluster('m1').build();
    const annotated = {
      ...withPredictor,
      metadata: {
        ...withPredictor.metadata,
        annotations: { [PREDICTOR_ADDRESS_ANNOTATION]: address },
      },
    };
    await expect(transport.predict(annotated, oneReplica)).resolves.toBe(10);
    await expect(transport.predict(makeCluster('m2').build(), oneReplica)).resolves.toBeUndefined();
  });

  it("counts the agent's prediction attempts by result", async () => {
    const metrics = new ClusternetMetrics(new Registry());
    const address = await serve(createPredictorHandler(() => nodes, metrics));
    const client = new PredictorClient(realClock, { timeoutMs: 2000 });
    await client.predict(address, oneReplica);
    await client
      .predict(address, { resources: { requests: { cpu: 'lots' } } })
      .catch(() => undefined);
    const values = (await metrics.predictorAttempts.get()).values.map((v) => [
      v.labels.result,
      v.value,
    ]);
    expect(values.sort()).toEqual([
      ['error', 1],
      ['success', 1],
    ]);
  });

  it.each([
    {
      name: 'a body that is not JSON is refused with 400',
      method: 'POST',
      path: '/replicas/predict',
      body: '{',
      status: 400,
    },
    {
      name: 'a quantity that does not parse is refused with 400',
      method: 'POST',
      path: '/replicas/predict',
      body: '{"resources":{"requests":{"cpu":"lots"}}}',
      status: 400,
    },
    {
      name: 'the unscheduled route is not implemented',
      method: 'GET',
      path: '/replicas/unscheduled',
      body: undefined,
      status: 501,
    },
    {
      name: 'an unknown route is not found',
      method: 'GET',
      path: '/nope',
      body: undefined,
      status: 404,
    },
    {
      name: 'a GET on the predict route is refused',
      method: 'GET',
      path: '/replicas/predict',
      body: undefined,
      status: 405,
    },
  ])('$name', async ({ method, path, body, status }) => {
    const address = await serve(createPredictorHandler(() => nodes));
    const response = await fetch(`${address}${path}`, {
      method,
      ...(body === undefined ? {} : { body }),
    });
    expect(response.status).toBe(status);
    await response.text();
  });
});
