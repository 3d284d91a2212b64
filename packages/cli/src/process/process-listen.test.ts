import { createServer } from 'node:net';
import {
  ProcessFleet,
  addressOf,
  ensureBuilt,
  httpGet,
  readyStatus,
  waitFor,
} from './process-fleet';

// `--listen` binds the server to that address only; an agent's `--advertise` is what it
// registers as its cluster's endpoint, and what the controller probes. Loopback aliases stand
// in for hosts: 127.0.0.2 and 127.0.0.3 are other addresses of `lo` on Linux.

let fleet: ProcessFleet | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => fleet?.dispose(), 30_000);

/** A port free on `host` now (the kernel's pick, released at once). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const refused = (url: string) =>
  httpGet(url).then(
    (reply) => `answered ${reply.status}`,
    (error: NodeJS.ErrnoException) => error.code,
  );

it('servers listen where --listen says; agents register --advertise; the controller probes it', async () => {
  fleet = await ProcessFleet.start('karmada');
  const f = fleet;
  const [p1, p2, pc] = await Promise.all([
    freePort('127.0.0.2'),
    freePort('127.0.0.2'),
    freePort('127.0.0.3'),
  ]);
  // member1 advertises an address where nothing listens; member2 advertises by default.
  const member1 = f.agent('member1', undefined, [
    '--listen',
    '127.0.0.2',
    '--port',
    String(p1),
    '--advertise',
    `http://127.0.0.4:${p1}`,
  ]);
  const member2 = f.agent('member2', undefined, ['--listen', '127.0.0.2', '--port', String(p2)]);
  const controller = f.controller('ctl-a', ['--listen', '127.0.0.3', '--port', String(pc)]);

  expect(await waitFor('member1 to register', 15_000, () => addressOf(member1))).toBe(
    `http://127.0.0.4:${p1}`,
  );
  expect(await waitFor('member2 to register', 15_000, () => addressOf(member2))).toBe(
    `http://127.0.0.2:${p2}`,
  );
  const endpoints = new Map((await f.clusters()).map((c) => [c.metadata.name, c.spec.apiEndpoint]));
  expect(endpoints).toEqual(
    new Map([
      ['member1', `http://127.0.0.4:${p1}`],
      ['member2', `http://127.0.0.2:${p2}`],
    ]),
  );
  expect(
    // An empty list is truthy: wait for the line itself.
    await waitFor('the controller to listen', 15_000, () => {
      const addresses = controller.logs('controller listening').map((l) => l.address);
      return addresses.length ? addresses : undefined;
    }),
  ).toEqual([`http://127.0.0.3:${pc}`]);

  // Each server answers on its listen address and nowhere else.
  expect((await httpGet(`http://127.0.0.2:${p1}/readyz`)).status).toBe(200);
  expect(await refused(`http://127.0.0.1:${p1}/readyz`)).toBe('ECONNREFUSED');
  expect(
    await waitFor(
      'the controller to lead',
      15_000,
      async () => (await httpGet(`http://127.0.0.3:${pc}/readyz`)).body === 'leader\n',
    ),
  ).toBe(true);
  expect(await refused(`http://127.0.0.1:${pc}/readyz`)).toBe('ECONNREFUSED');

  // The controller probes the registered endpoints: member2's answers, member1's does not.
  await waitFor(
    'member2 Ready',
    15_000,
    async () =>
      readyStatus((await f.clusters()).find((c) => c.metadata.name === 'member2')) === 'True',
  );
  await waitFor(
    'member1 found not ready',
    15_000,
    async () =>
      readyStatus((await f.clusters()).find((c) => c.metadata.name === 'member1')) === 'False',
  );
}, 90_000);
