import { readFileSync } from 'node:fs';
import { PredictorClient } from '@lifeboat/clusternet';
import { createTestCertificates, type TestCertificates } from '@lifeboat/etcd';
import { EXPECTED, workloadsFor } from './fleet-scenarios';
import {
  ProcessFleet,
  addressOf,
  ensureBuilt,
  readyStatus,
  realClock,
  unsettled,
  waitFor,
} from './process-fleet';

// Members serving HTTPS (`lifeboat agent --tls-cert/--tls-key`, a certificate made by the
// test's own CA): the controllers' traffic to them (Karmada's /readyz probe, Clusternet's
// predictor) verifies it against `--member-ca`. Without the CA the same traffic is refused;
// with it, the fleet runs as over plain HTTP.

const CLUSTERS = ['member1', 'member2', 'member3'];
let certs: TestCertificates | undefined;

beforeAll(() => {
  ensureBuilt();
  certs = createTestCertificates();
}, 300_000);
afterAll(() => certs?.dispose());

describe.each(['karmada', 'clusternet'] as const)('%s members over https', (flavor) => {
  let fleet: ProcessFleet | undefined;
  afterAll(async () => fleet?.dispose(), 30_000);

  it('are verified against --member-ca: refused without it, used with it', async () => {
    const c = certs as TestCertificates;
    fleet = await ProcessFleet.start(flavor);
    const f = fleet;
    f.memberCa = readFileSync(c.ca);
    const live = new Map<string, string>();
    const agents = CLUSTERS.map((cluster) =>
      f.agent(cluster, undefined, ['--tls-cert', c.server.cert, '--tls-key', c.server.key]),
    );
    for (const [i, agent] of agents.entries())
      live.set(
        CLUSTERS[i] as string,
        await waitFor(`${CLUSTERS[i]} to register`, 30_000, () => addressOf(agent)),
      );
    expect([...live.values()].every((a) => a.startsWith('https://127.0.0.1:'))).toBe(true);

    if (flavor === 'karmada') {
      // A controller without the CA does not trust the members' certificate: probes fail.
      const untrusting = f.controller('ctl-untrusting');
      await waitFor(
        'ctl-untrusting to lead',
        30_000,
        async () => (await f.readElectionHolder()) === 'ctl-untrusting',
      );
      await waitFor('every member found not ready', 20_000, async () =>
        (await f.clusters()).every((cl) => readyStatus(cl) === 'False'),
      );
      untrusting.signal('SIGTERM');
      expect(await untrusting.exited).toBe(0);
    } else {
      // The predictor client the controller uses: refused without the CA, answered with it.
      const address = live.get('member1') as string;
      const requirements = { resources: { requests: { cpu: '100m' } } };
      const bare = new PredictorClient(realClock, { timeoutMs: 5_000 });
      await expect(bare.predict(address, requirements)).rejects.toMatchObject({
        failure: 'Network',
        message: expect.stringMatching(/certificate/i),
      });
      const trusting = new PredictorClient(realClock, {
        timeoutMs: 5_000,
        tls: { ca: readFileSync(c.ca) },
      });
      expect(await trusting.predict(address, requirements)).toBeGreaterThan(0);
    }

    // With the CA: probes and predictions succeed; the workloads are placed and run.
    f.controller('ctl-trusting', ['--member-ca', c.ca]);
    await waitFor('every member Ready', 30_000, async () =>
      (await f.clusters()).every((cl) => readyStatus(cl) === 'True'),
    );
    f.apply(workloadsFor(flavor, 6));
    await waitFor(
      'the workloads to be placed and ready',
      30_000,
      async () => (await unsettled(f, live, EXPECTED)) === undefined,
    );
  }, 180_000);
});
