import { ProcessFleet, ensureBuilt, httpGet, realClock, waitFor } from './process-fleet';

// A leadership term that cannot start (here: the leader record in etcd is not a Lease, so the
// term's first write cannot be made) must back off 1 s, 2 s, 4 s, ... instead of spinning, as
// it did with a poisoned value (1,500 failing terms in 30 s at 80% CPU); once the record is
// repaired the controller leads.

let fleet: ProcessFleet | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => fleet?.dispose(), 30_000);

const LEADER_RECORD = '/lifeboat/Lease/lifeboat-system/controller';
/** Long enough for the backoffs of 1, 2 and 4 s (and a spin would make thousands of terms). */
const WINDOW_MS = 9_000;

it('a term that cannot start backs off, doubling, and leads once the cause is repaired', async () => {
  fleet = await ProcessFleet.start('karmada');
  const f = fleet;
  await f.client.put(LEADER_RECORD).value('{"kind": "Lease", "metadata": 7}');
  const controller = f.controller('ctl-a');
  const address = await waitFor(
    'the controller to listen',
    15_000,
    () => controller.logs('controller listening')[0]?.address as string | undefined,
  );
  await waitFor('the first term to fail', 15_000, () => controller.logs('could not start').length);
  await realClock.sleep(WINDOW_MS); // real time: counting what a real process does in it

  const terms = controller.logs('leading: starting the failover manager').length;
  const waits = controller.logs('the term could not start').map((l) => l.retryInMs);
  expect(waits.slice(0, 3)).toEqual([1_000, 2_000, 4_000]);
  // 1 + 2 + 4 s of waits fit in the window, 8 s do not: at most five terms, and one wait per term.
  expect(terms).toBeGreaterThanOrEqual(3);
  expect(terms).toBeLessThanOrEqual(5);
  expect(waits.length).toBeGreaterThanOrEqual(terms - 1);
  expect(waits.length).toBeLessThanOrEqual(terms);
  expect((await httpGet(`${address}/readyz`)).body).toBe('standby\n');

  await f.client.delete().key(LEADER_RECORD);
  await waitFor('the controller to lead', 20_000, async () => {
    const ready = await httpGet(`${address}/readyz`);
    return ready.body === 'leader\n';
  });
  expect((await f.leaderRecord())?.spec.holderIdentity).toBe('ctl-a');
  expect(controller.exitCode).toBeUndefined();
}, 90_000);
