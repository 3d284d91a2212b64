import { RealClock, type Clock, type TimerHandle } from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { FenceLostError } from '../errors/fence-lost-error';
import { EtcdStateStore } from '../store/etcd-state-store';
import { EtcdServer } from '../testing/etcd-server';
import { EtcdLeaderElector } from './etcd-leader-elector';

const TTL_SECONDS = 2;
const RETRY_MS = 300;
const real = new RealClock();

/**
 * The real clock with a freeze switch: while frozen, due callbacks are held back, as in a
 * process stopped with SIGSTOP (its timers, and so its lease renewals, do not run).
 */
class FreezableClock implements Clock {
  private frozen = false;
  private held: (() => void)[] = [];

  now(): number {
    return real.now();
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return real.setTimeout(() => (this.frozen ? this.held.push(callback) : callback()), delayMs);
  }

  clearTimeout(handle: TimerHandle): void {
    real.clearTimeout(handle);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, delayMs));
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const callback of held) callback();
  }
}

interface Candidate {
  readonly name: string;
  readonly elector: EtcdLeaderElector;
  readonly clock: FreezableClock;
  signal?: AbortSignal;
  startedAt?: number;
  stoppedLeading: boolean;
  readonly done: Promise<void>;
}

let server: EtcdServer;
let client: Etcd3;
let electionNumber = 0;
let running: Candidate[] = [];

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

afterEach(async () => {
  for (const candidate of running) candidate.clock.thaw();
  await Promise.all(running.map((c) => c.elector.stop()));
  running = [];
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

function campaign(names: readonly string[]): Candidate[] {
  const election = `election-${++electionNumber}`;
  const candidates = names.map((name) => {
    const clock = new FreezableClock();
    const elector = new EtcdLeaderElector({
      client,
      identity: name,
      election,
      ttlSeconds: TTL_SECONDS,
      retryPeriodMs: RETRY_MS,
      clock,
    });
    const candidate: Candidate = {
      name,
      elector,
      clock,
      stoppedLeading: false,
      done: elector.run({
        onStartedLeading(signal) {
          candidate.signal = signal;
          candidate.startedAt = real.now();
        },
        onStoppedLeading() {
          candidate.stoppedLeading = true;
        },
      }),
    };
    return candidate;
  });
  running.push(...candidates);
  return candidates;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = real.now();
  for (let i = 0; i < timeoutMs / 20 && !condition(); i++) await real.sleep(20);
  if (!condition()) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
  return real.now() - start;
}

const leaders = (candidates: readonly Candidate[]) =>
  candidates.filter((c) => c.elector.isLeader());

async function oneLeader(candidates: readonly Candidate[]): Promise<[Candidate, Candidate]> {
  await until(() => leaders(candidates).length === 1, 5_000, 'one candidate leads');
  const leader = leaders(candidates)[0] as Candidate;
  await until(() => leader.signal !== undefined, 1_000, 'onStartedLeading ran');
  return [leader, candidates.find((c) => c !== leader) as Candidate];
}

describe('EtcdLeaderElector', () => {
  it('elects exactly one of two candidates and gives only the leader a fence', async () => {
    const candidates = campaign(['a', 'b']);
    const [leader, follower] = await oneLeader(candidates);
    await real.sleep(TTL_SECONDS * 1000);
    expect(leaders(candidates)).toEqual([leader]);
    expect(leader.signal?.aborted).toBe(false);
    expect(leader.elector.fence()).toEqual({
      key: leader.elector.electionKey,
      createRevision: expect.stringMatching(/^\d+$/),
    });
    expect(follower.elector.fence()).toBeUndefined();
    expect((await client.get(leader.elector.electionKey).string()) ?? '').toBe(leader.name);
  });

  it('hands over at once when the leader stops (resigns)', async () => {
    const candidates = campaign(['a', 'b']);
    const [leader, follower] = await oneLeader(candidates);
    await leader.elector.stop();
    await leader.done;
    expect(leader.signal?.aborted).toBe(true);
    expect(leader.stoppedLeading).toBe(true);
    const took = await until(
      () => follower.elector.isLeader(),
      TTL_SECONDS * 1000,
      'the follower leads',
    );
    expect(took).toBeLessThan(1_000);
  });

  it('when the leader’s lease is revoked, the leader steps down and the other takes over within the TTL', async () => {
    const candidates = campaign(['a', 'b']);
    const [leader, follower] = await oneLeader(candidates);
    const leaseId = (await client.get(leader.elector.electionKey).exec()).kvs[0]?.lease as string;
    await client.leaseClient.leaseRevoke({ ID: leaseId });
    await leader.done;
    expect(leader.signal?.aborted).toBe(true);
    expect(leader.stoppedLeading).toBe(true);
    await until(() => follower.elector.isLeader(), TTL_SECONDS * 1000, 'the follower leads');
  });

  it('when the leader’s keep-alive stops, the other takes over within the TTL and the deposed leader’s fenced writes fail', async () => {
    const candidates = campaign(['a', 'b']);
    const [leader, follower] = await oneLeader(candidates);
    const store = await EtcdStateStore.connect({ client, prefix: `/fencing-${electionNumber}/` });
    const staleFence = leader.elector.fence();
    if (!staleFence) throw new Error('the leader has no fence');
    const asLeader = store.withFence(staleFence);
    await asLeader.create('Cluster', { metadata: { name: 'before' }, spec: {} });

    const frozenAt = real.now();
    leader.clock.freeze();
    await until(() => follower.elector.isLeader(), (TTL_SECONDS + 2) * 1000, 'the follower leads');
    expect(real.now() - frozenAt).toBeLessThan(TTL_SECONDS * 1000 + RETRY_MS + 1_000);

    // The deposed leader wakes up late and writes with the fence of its old term.
    await expect(
      asLeader.create('Cluster', { metadata: { name: 'late' }, spec: {} }),
    ).rejects.toBeInstanceOf(FenceLostError);
    await expect(asLeader.delete('Cluster', 'before')).rejects.toEqual(
      new FenceLostError(staleFence.key, 'Cluster', 'before'),
    );
    const before = await store.get('Cluster', 'before');
    await expect(
      asLeader.update('Cluster', {
        ...(before as NonNullable<typeof before>),
        spec: { region: 'late' },
      }),
    ).rejects.toBeInstanceOf(FenceLostError);

    const asNewLeader = store.withFence(() => follower.elector.fence());
    await asNewLeader.create('Cluster', { metadata: { name: 'after' }, spec: {} });
    expect(
      (await store.list('Cluster')).items.map((c) => `${c.metadata.name}:${c.spec.region ?? '-'}`),
    ).toEqual(['after:-', 'before:-']);

    leader.clock.thaw();
    await leader.done;
    expect(leader.signal?.aborted).toBe(true);
    expect(leader.elector.fence()).toBeUndefined();
    expect(follower.elector.isLeader()).toBe(true);
  });

  it('a store fenced on an elector that does not lead refuses writes', async () => {
    const [only] = campaign(['solo']);
    await until(() => only?.elector.isLeader() === true, 5_000, 'the only candidate leads');
    const store = (
      await EtcdStateStore.connect({ client, prefix: `/fencing-${electionNumber}/` })
    ).withFence(() => only?.elector.fence());
    await store.create('Cluster', { metadata: { name: 'while-leading' }, spec: {} });
    await only?.elector.stop();
    await expect(
      store.create('Cluster', { metadata: { name: 'after-stop' }, spec: {} }),
    ).rejects.toBeInstanceOf(FenceLostError);
  });

  it('when etcd goes away the leader steps down within the renew deadline, and after etcd returns one candidate leads again', async () => {
    const own = await EtcdServer.start();
    const ownClient = await connectEtcd(own.endpoint);
    const electors = ['a', 'b'].map(
      (name) =>
        new EtcdLeaderElector({
          client: ownClient,
          identity: name,
          ttlSeconds: TTL_SECONDS,
          retryPeriodMs: RETRY_MS,
        }),
    );
    const signals = new Map<EtcdLeaderElector, AbortSignal>();
    const runs = new Map<EtcdLeaderElector, Promise<void>>();
    const campaignAgain = (elector: EtcdLeaderElector): void => {
      runs.set(
        elector,
        elector.run({
          onStartedLeading: (signal) => void signals.set(elector, signal),
          onStoppedLeading: () => undefined,
        }),
      );
    };
    try {
      electors.forEach(campaignAgain);
      await until(
        () => electors.filter((e) => e.isLeader()).length === 1,
        5_000,
        'one candidate leads',
      );
      const leader = electors.find((e) => e.isLeader()) as EtcdLeaderElector;

      await own.stop();
      const outage = real.now();
      await runs.get(leader);
      expect(real.now() - outage).toBeLessThan(TTL_SECONDS * 1000);
      expect(signals.get(leader)?.aborted).toBe(true);
      expect(electors.filter((e) => e.isLeader())).toEqual([]);

      campaignAgain(leader);
      await own.resume();
      // etcd's client backs off for up to 5 s after repeated failures; leases get a fresh TTL.
      await until(
        () => electors.filter((e) => e.isLeader()).length === 1,
        15_000,
        'one candidate leads after the restart',
      );
      await real.sleep(TTL_SECONDS * 500);
      expect(electors.filter((e) => e.isLeader())).toHaveLength(1);
    } finally {
      await Promise.all(electors.map((e) => e.stop()));
      ownClient.close();
      await own.dispose();
    }
  }, 40_000);

  it('rejects a renew deadline that is not shorter than the TTL', () => {
    expect(
      () => new EtcdLeaderElector({ client, identity: 'x', ttlSeconds: 2, renewDeadlineMs: 2_000 }),
    ).toThrow('renewDeadlineMs (2000) must be shorter than the TTL (2000 ms)');
  });
});
