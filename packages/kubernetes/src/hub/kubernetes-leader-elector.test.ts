import { VirtualClock } from '@lifeboat/core';
import {
  KubernetesLeaderElector,
  type KubernetesLeaderElectorOptions,
} from './kubernetes-leader-elector';
import type { LeaderElectionRecord, LeaseLock, ObservedRecord } from './lease-lock';

/** The Lease as a compare-and-swap cell; one view per replica, which a test can cut off. */
class SharedLease {
  record: LeaderElectionRecord | undefined;
  version = 0;

  view(): LeaseLock & { reachable: boolean } {
    const check = () => {
      if (!view.reachable) throw new Error('the hub is unreachable');
    };
    const view = {
      namespace: 'lifeboat-system',
      name: 'lifeboat-controller',
      reachable: true,
      get: async (): Promise<ObservedRecord | undefined> => {
        check();
        return this.record && { record: this.record, resourceVersion: String(this.version) };
      },
      create: async (record: LeaderElectionRecord): Promise<boolean> => {
        check();
        if (this.record) return false;
        this.record = record;
        this.version++;
        return true;
      },
      update: async (record: LeaderElectionRecord, resourceVersion: string): Promise<boolean> => {
        check();
        if (String(this.version) !== resourceVersion) return false;
        this.record = record;
        this.version++;
        return true;
      },
    };
    return view;
  }
}

describe('KubernetesLeaderElector (client-go semantics, on the virtual clock)', () => {
  let clock: VirtualClock;
  let lease: SharedLease;
  const electors: KubernetesLeaderElector[] = [];
  const start = (
    identity: string,
    lock: LeaseLock,
    extra: Partial<KubernetesLeaderElectorOptions> = {},
  ) => {
    const elector = new KubernetesLeaderElector({
      identity,
      lock,
      clock,
      random: () => 0,
      ...extra,
    });
    electors.push(elector);
    const events: string[] = [];
    const done = elector.run({
      onStartedLeading: () => void events.push(`started@${clock.now()}`),
      onStoppedLeading: () => void events.push(`stopped@${clock.now()}`),
    });
    return { elector, events, done };
  };

  beforeEach(() => {
    clock = new VirtualClock(0);
    lease = new SharedLease();
  });

  afterEach(async () => {
    await Promise.all(electors.splice(0).map((e) => e.stop()));
  });

  it('takes a free Lease and renews it every retry period, keeping acquireTime', async () => {
    const a = start('a', lease.view());
    await clock.advance(0);
    expect(a.elector.isLeader()).toBe(true);
    expect(lease.record).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: 0,
      renewTime: 0,
      leaseTransitions: 0,
    });
    await clock.advance(2_000);
    expect(lease.record).toMatchObject({ renewTime: 2_000, acquireTime: 0, leaseTransitions: 0 });
    expect(a.elector.fence()).toEqual({
      namespace: 'lifeboat-system',
      name: 'lifeboat-controller',
      holderIdentity: 'a',
      leaseTransitions: 0,
      validUntil: 2_000 + 15_000 - 2_000,
    });
  });

  it('judges expiry from when it last saw the record change, not from the remote renewTime', async () => {
    // A holder whose clock runs an hour ahead wrote renewTime in the future, then died.
    lease.record = {
      holderIdentity: 'ghost',
      leaseDurationSeconds: 15,
      acquireTime: 0,
      renewTime: 3_600_000,
      leaseTransitions: 4,
    };
    await clock.advance(1_000);
    const b = start('b', lease.view());
    await clock.advance(14_000);
    expect(b.elector.isLeader()).toBe(false);
    await clock.advance(2_000);
    expect(b.elector.isLeader()).toBe(true);
    expect(b.events).toEqual(['started@17000']);
    expect(lease.record).toMatchObject({
      holderIdentity: 'b',
      leaseTransitions: 5,
      acquireTime: 17_000,
    });
  });

  it('never takes a Lease whose holder keeps renewing', async () => {
    start('a', lease.view());
    await clock.advance(0);
    const b = start('b', lease.view());
    await clock.advance(120_000);
    expect(b.elector.isLeader()).toBe(false);
    expect(lease.record?.holderIdentity).toBe('a');
  });

  it('steps down when no renewal succeeds within the renew deadline, before a standby may take over', async () => {
    const cut = lease.view();
    const a = start('a', cut);
    await clock.advance(0);
    const b = start('b', lease.view());
    await clock.advance(2_000);
    cut.reachable = false;
    const lastFence = a.elector.fence();
    await clock.advance(20_000);
    await a.done;
    // The last renewal began at 2 s; the cycle from 4 s gives up by 4 s + the 10 s deadline.
    const stoppedAt = Number(a.events[1]?.split('@')[1]);
    expect(a.events[0]).toBe('started@0');
    expect(stoppedAt).toBeGreaterThanOrEqual(12_000);
    expect(stoppedAt).toBeLessThanOrEqual(14_000);
    expect(a.elector.fence()).toBeUndefined();
    await clock.advance(10_000);
    const takeover = Number(b.events[0]?.split('@')[1]);
    expect(takeover).toBeGreaterThan(stoppedAt);
    expect(takeover).toBeGreaterThanOrEqual((lastFence?.validUntil ?? Infinity) + 2_000);
    expect(lease.record).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('releases the Lease on stop, so a standby takes it on its next try', async () => {
    const a = start('a', lease.view());
    await clock.advance(0);
    const b = start('b', lease.view());
    await clock.advance(1_000);
    await Promise.all([a.elector.stop(), clock.advance(0)]);
    expect(a.events).toEqual(['started@0', 'stopped@1000']);
    expect(lease.record?.holderIdentity).toBe('');
    await clock.advance(2_000);
    expect(b.elector.isLeader()).toBe(true);
  });

  it('refuses timings client-go refuses', () => {
    const lock = lease.view();
    expect(
      () => new KubernetesLeaderElector({ identity: 'a', lock, renewDeadlineMs: 15_000 }),
    ).toThrow('renewDeadlineMs (15000) must be shorter than the lease duration (15000 ms)');
    expect(
      () => new KubernetesLeaderElector({ identity: 'a', lock, renewDeadlineMs: 2_000 }),
    ).toThrow('must be longer than 1.2 × retryPeriodMs');
  });
});
