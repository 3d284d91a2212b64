import { EXPECTED, settledWithin, startSettledFleet, taintsOf, workloads } from './fleet-scenarios';
import {
  CLUSTERNET_DETECTION_MS,
  DETECTION_MS,
  LEASE_TTL_MS,
  type ProcessFleet,
  busiestCluster,
  ensureBuilt,
  readyStatus,
  realClock,
  waitFor,
  watchForOverPlacement,
  type LifeboatProcess,
} from './process-fleet';

// Real processes against a real etcd: the BUILT `lifeboat` binary as two controllers and three
// agents per test, with the short timings of TEST_CONTROLLER_CONFIG (detection ~2-4 s, a 3 s
// election lease, replicas ready 1-2 s after placement).

let fleet: ProcessFleet | undefined;

/** A settled fleet (see fleet-scenarios) that afterEach disposes of. */
const startFleet = (startupSeconds = 1, flavor: 'karmada' | 'clusternet' = 'karmada') =>
  startSettledFleet(startupSeconds, flavor, (f) => (fleet = f));
const samplers: ReturnType<typeof watchForOverPlacement>[] = [];

/** Starts a sampler that afterEach stops even when the test fails half-way. */
function sample(f: ProcessFleet): ReturnType<typeof watchForOverPlacement> {
  const sampler = watchForOverPlacement(f);
  samplers.push(sampler);
  return sampler;
}

beforeAll(() => ensureBuilt(), 300_000);

afterEach(async () => {
  await Promise.all(samplers.splice(0).map((s) => s.stop()));
  await fleet?.dispose();
  fleet = undefined;
}, 30_000);

describe('lifeboat controller and agents as processes on a real etcd', () => {
  it('kill -9 of the agent holding most replicas: tainted within the detection window, every replica runs elsewhere, sums equal desired', async () => {
    const run = await startFleet();
    const victim = await busiestCluster(run.fleet);
    const sampler = sample(run.fleet);
    const killedAt = realClock.now();
    run.agents.get(victim)?.signal('SIGKILL');
    run.live.delete(victim);

    await waitFor(`${victim} to be tainted NoExecute`, DETECTION_MS + 3_000, async () =>
      (await taintsOf(run, victim)).includes('cluster.karmada.io/not-ready:NoExecute'),
    );
    const taintedAfter = realClock.now() - killedAt;
    // Re-placement: new replicas start (1 s) and the graceful eviction then ends.
    await settledWithin(run, DETECTION_MS + 6_000, `every replica of ${victim} to run elsewhere`);
    const settledAfter = realClock.now() - killedAt;

    expect(await sampler.stop()).toEqual([]);
    expect(readyStatus((await run.fleet.clusters()).find((c) => c.metadata.name === victim))).toBe(
      'False',
    );
    expect(taintedAfter).toBeLessThanOrEqual(DETECTION_MS + 3_000);
    expect(settledAfter).toBeLessThanOrEqual(DETECTION_MS + 6_000);
    const status = run.fleet.status();
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(
        `${victim}\\s+False\\s+ClusterNotReachable\\s+\\S*cluster.karmada.io/not-ready:NoExecute`,
      ),
    );
  }, 90_000);

  it('kill -9 of the active controller mid-failover: the standby finishes within the lease TTL; a frozen, deposed leader cannot write', async () => {
    // Replicas take 3 s to start, so the graceful eviction is still open when the leader dies.
    const run = await startFleet(3);
    const [ctlA, ctlB] = run.controllers as [LifeboatProcess, LifeboatProcess];
    const victim = await busiestCluster(run.fleet);
    const sampler = sample(run.fleet);
    run.agents.get(victim)?.signal('SIGKILL');
    run.live.delete(victim);
    await waitFor('an eviction task (the failover under way)', DETECTION_MS + 3_000, async () =>
      (await run.fleet.bindings()).some((b) => (b.spec.evictionTasks ?? []).length > 0),
    );

    const killedAt = realClock.now();
    ctlA.signal('SIGKILL');
    // The standby watches the election key: it leads as soon as the dead leader's lease expires.
    await waitFor(
      'ctl-b to take over',
      LEASE_TTL_MS + 1_000,
      async () => (await run.fleet.readElectionHolder()) === 'ctl-b',
    );
    expect(realClock.now() - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + 1_000);
    await settledWithin(run, 15_000, 'ctl-b to finish the failover');
    expect((await run.fleet.leaderRecord())?.spec.holderIdentity).toBe('ctl-b');

    // A third replica stands by; freeze the leader (ctl-b) until ctl-c leads, then thaw it.
    const ctlC = run.fleet.controller('ctl-c');
    await waitFor(
      'ctl-c to stand by',
      10_000,
      () => ctlC.logs('campaigning for leadership').length,
    );
    ctlB.signal('SIGSTOP');
    await waitFor(
      'ctl-c to take over from the frozen ctl-b',
      LEASE_TTL_MS + 4_000,
      async () => (await run.fleet.readElectionHolder()) === 'ctl-c',
    );
    await waitFor(
      'ctl-c to take the leader record',
      5_000,
      async () => (await run.fleet.leaderRecord())?.spec.holderIdentity === 'ctl-c',
    );
    const refusedBefore = ctlB.logs('fenced write refused').length;
    ctlB.signal('SIGCONT');
    const refused = await waitFor('the thawed ctl-b to have a write refused', 10_000, () => {
      const lines = ctlB.logs('fenced write refused').slice(refusedBefore);
      return lines.length > 0 ? lines : undefined;
    });
    // etcd itself refused it: the message names the election key the write was fenced on.
    expect(refused.map((l) => String(l.fenceLost))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('leadership key /lifeboat/election/controller'),
      ]),
    );
    await waitFor('ctl-b to end its term', 5_000, () => ctlB.logs('term over').length >= 1);
    expect((await run.fleet.leaderRecord())?.spec.holderIdentity).toBe('ctl-c');
    expect(await run.fleet.readElectionHolder()).toBe('ctl-c');
    await settledWithin(run, 10_000, 'the fleet to stay settled under ctl-c');
    expect(await sampler.stop()).toEqual([]);
  }, 120_000);

  it('etcd stopped and restarted on its data directory: controllers and agents reconnect, the state is intact and still acted on', async () => {
    const run = await startFleet();
    // What must survive: every binding (same uid, workload and replicas) and, for the static
    // division, the placement itself. `api` divides by free capacity, which a new leader may
    // legitimately re-divide; its sum is checked by `unsettled` below.
    const snapshot = async () =>
      (await run.fleet.bindings()).map((b) => ({
        key: `${b.metadata.namespace}/${b.metadata.name}`,
        uid: b.metadata.uid,
        replicas: b.spec.replicas,
        placement: b.metadata.name === 'web' ? b.spec.clusters : undefined,
      }));
    const before = await snapshot();
    expect(before.map((b) => b.key)).toEqual(['default/api', 'default/web']);
    await run.fleet.etcd.stop();
    await realClock.sleep(LEASE_TTL_MS); // real-time: an outage longer than the leader's renew deadline
    const resumedAt = realClock.now();
    await run.fleet.etcd.resume();

    await waitFor('a controller to lead again', 20_000, async () =>
      ['ctl-a', 'ctl-b'].includes((await run.fleet.readElectionHolder()) ?? ''),
    );
    await waitFor('every agent to heartbeat again', 20_000, async () =>
      (await run.fleet.clusters()).every((c) => (c.status?.lastHeartbeatTime ?? 0) > resumedAt),
    );
    expect(await snapshot()).toEqual(before);
    await settledWithin(run, 10_000, 'the fleet to be settled after the etcd restart');
    expect((await run.fleet.clusters()).map((c) => readyStatus(c))).toEqual([
      'True',
      'True',
      'True',
    ]);
    expect(run.controllers.map((c) => c.exitCode)).toEqual([undefined, undefined]);

    // Watches resumed: a scale-up is placed by the controller and started by the agents.
    expect(run.fleet.apply(workloads(8, 1))).toBe(
      'binding default/web configured\nbinding default/api unchanged\n',
    );
    EXPECTED.set('default/web', 8);
    try {
      await settledWithin(run, 15_000, 'the scale-up after the etcd restart');
    } finally {
      EXPECTED.set('default/web', 6);
    }
  }, 120_000);

  it('SIGSTOP of an agent then SIGCONT: detected, failed over, recovered, and no replica runs twice', async () => {
    const run = await startFleet();
    const victim = await busiestCluster(run.fleet);
    const address = run.live.get(victim) as string;
    const sampler = sample(run.fleet);
    run.agents.get(victim)?.signal('SIGSTOP');
    run.live.delete(victim);
    await waitFor(`${victim} to be tainted`, DETECTION_MS + 3_000, async () =>
      (await taintsOf(run, victim)).includes('cluster.karmada.io/not-ready:NoExecute'),
    );
    await settledWithin(
      run,
      DETECTION_MS + 6_000,
      `the replicas of frozen ${victim} to run elsewhere`,
    );

    run.agents.get(victim)?.signal('SIGCONT');
    run.live.set(victim, address);
    await waitFor(`${victim} Ready and untainted again`, 15_000, async () => {
      const c = (await run.fleet.clusters()).find((x) => x.metadata.name === victim);
      return readyStatus(c) === 'True' && (c?.spec.taints ?? []).length === 0;
    });
    // The thawed agent drops the copies it no longer holds; every agent runs exactly its share.
    await settledWithin(run, 10_000, `${victim} to converge after the thaw`);
    expect(await sampler.stop()).toEqual([]);
  }, 90_000);

  it('Clusternet: kill -9 of an agent: its status goes stale after three heartbeats, the cluster is tainted unschedulable, every replica runs elsewhere', async () => {
    const run = await startFleet(1, 'clusternet');
    const victim = await busiestCluster(run.fleet);
    const sampler = sample(run.fleet);
    const killedAt = realClock.now();
    run.agents.get(victim)?.signal('SIGKILL');
    run.live.delete(victim);
    await waitFor(
      `${victim} to be tainted unschedulable`,
      CLUSTERNET_DETECTION_MS + 3_000,
      async () =>
        (await taintsOf(run, victim)).includes('clusters.clusternet.io/unschedulable:NoSchedule'),
    );
    expect(realClock.now() - killedAt).toBeLessThanOrEqual(CLUSTERNET_DETECTION_MS + 3_000);
    await settledWithin(
      run,
      CLUSTERNET_DETECTION_MS + 8_000,
      `every replica of ${victim} to run elsewhere`,
    );
    expect(readyStatus((await run.fleet.clusters()).find((c) => c.metadata.name === victim))).toBe(
      'Unknown',
    );
    expect(await sampler.stop()).toEqual([]);
  }, 90_000);
});
