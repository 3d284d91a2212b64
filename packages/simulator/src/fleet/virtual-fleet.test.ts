import { InMemoryStateStore, VirtualClock, parseResourceList, type Binding } from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { VirtualFleet } from './virtual-fleet';

async function setup(placement: { name: string; replicas: number }[]) {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const fleet = new VirtualFleet(
    store,
    clock,
    new Map([
      ['default/foo', { startupSeconds: 10, resources: parseResourceList({ cpu: '500m' }) }],
    ]),
  );
  fleet.addMember('a', parseResourceList({ cpu: '4', pods: 10 }));
  fleet.addMember('b', parseResourceList({ cpu: '4', pods: 10 }));
  const created = await store.create('Binding', {
    ...makeBinding('foo', { replicas: 2 }),
    spec: { ...makeBinding('foo', { replicas: 2 }).spec, clusters: placement },
  });
  return { clock, store, fleet, binding: created };
}

const status = async (store: InMemoryStateStore) =>
  (await store.get('Binding', 'default/foo'))?.status?.aggregatedStatus;

describe('VirtualFleet', () => {
  it('makes placed replicas ready startupSeconds later on the virtual clock and reports them', async () => {
    const { clock, store, fleet, binding } = await setup([{ name: 'a', replicas: 2 }]);
    await fleet.apply(binding);
    await clock.advance(9_999);
    expect(fleet.replicas('default/foo')).toEqual({ running: { a: 2 }, ready: {} });
    expect((await status(store))?.[0]).toMatchObject({
      clusterName: 'a',
      health: 'Unknown',
      readyReplicas: 0,
    });
    await clock.advance(1);
    expect(fleet.readyReplicas('default/foo')).toBe(2);
    expect((await status(store))?.[0]).toMatchObject({
      clusterName: 'a',
      health: 'Healthy',
      readyReplicas: 2,
    });
  });

  it('counts running replicas against the member: allocated grows with placement', async () => {
    const { clock, fleet, binding } = await setup([{ name: 'a', replicas: 2 }]);
    await fleet.apply(binding);
    await clock.advance(10_000);
    const allocated = fleet.member('a')?.allocated() ?? {};
    expect(allocated.cpu?.milliValue()).toBe(1000n);
    expect(allocated.pods?.value()).toBe(2n);
  });

  it('keeps allocated current as replicas scale, move and go, asked between every change', async () => {
    const { clock, fleet, binding } = await setup([{ name: 'a', replicas: 2 }]);
    const milliCpu = (member: string) => fleet.member(member)?.allocated().cpu?.milliValue() ?? 0n;
    await fleet.apply(binding);
    expect([milliCpu('a'), milliCpu('b')]).toEqual([1000n, 0n]);
    await fleet.apply({
      ...binding,
      spec: { ...binding.spec, clusters: [{ name: 'a', replicas: 3 }] },
    });
    expect(milliCpu('a')).toBe(1500n);
    await fleet.fail('a');
    await clock.advance(10_000);
    // Stalled replicas still run, so they still take their resources.
    expect(milliCpu('a')).toBe(1500n);
    await fleet.apply({
      ...binding,
      spec: { ...binding.spec, clusters: [{ name: 'b', replicas: 1 }] },
    });
    expect([milliCpu('a'), milliCpu('b')]).toEqual([0n, 500n]);
    await fleet.remove('default/foo');
    expect(fleet.member('b')?.allocated()).toEqual({});
  });

  it('keeps the old replicas a graceful eviction task holds, and drops them when the task goes', async () => {
    const { clock, fleet, binding } = await setup([{ name: 'a', replicas: 2 }]);
    await fleet.apply(binding);
    await clock.advance(10_000);
    const evicting: Binding = {
      ...binding,
      spec: {
        ...binding.spec,
        clusters: [{ name: 'b', replicas: 2 }],
        evictionTasks: [
          {
            fromCluster: 'a',
            purgeMode: 'Gracefully',
            replicas: 2,
            reason: 'T',
            producer: 'P',
            creationTimestamp: 0,
          },
        ],
      },
    };
    await fleet.apply(evicting);
    expect(fleet.replicas('default/foo')).toEqual({ running: { a: 2, b: 2 }, ready: { a: 2 } });
    await clock.advance(10_000);
    await fleet.apply({ ...evicting, spec: { ...evicting.spec, evictionTasks: [] } });
    expect(fleet.replicas('default/foo')).toEqual({ running: { b: 2 }, ready: { b: 2 } });
  });

  it('stops replicas on a failed cluster from being ready, reports nothing new from it, and restarts them on recovery', async () => {
    const { clock, store, fleet, binding } = await setup([
      { name: 'a', replicas: 1 },
      { name: 'b', replicas: 1 },
    ]);
    await fleet.apply(binding);
    await clock.advance(10_000);
    const before = await status(store);
    await fleet.fail('a');
    expect(fleet.member('a')?.apiHealth()).toBe('down');
    expect(fleet.replicas('default/foo').ready).toEqual({ b: 1 });
    await clock.advance(60_000);
    expect((await status(store))?.find((s) => s.clusterName === 'a')).toEqual(
      before?.find((s) => s.clusterName === 'a'),
    );
    await fleet.recover('a');
    expect(fleet.member('a')?.apiHealth()).toBe('ok');
    await clock.advance(10_000);
    expect(fleet.replicas('default/foo').ready).toEqual({ a: 1, b: 1 });
  });

  it('keeps serving workloads on a degraded cluster while its API reports not ready', async () => {
    const { clock, fleet, binding } = await setup([{ name: 'a', replicas: 2 }]);
    await fleet.apply(binding);
    await clock.advance(10_000);
    await fleet.degrade('a');
    expect(fleet.member('a')?.apiHealth()).toBe('degraded');
    expect(fleet.readyReplicas('default/foo')).toBe(2);
  });

  it('reports an application made unhealthy on a cluster as Unhealthy with no ready replicas there', async () => {
    const { clock, store, fleet, binding } = await setup([
      { name: 'a', replicas: 1 },
      { name: 'b', replicas: 1 },
    ]);
    await fleet.apply(binding);
    await clock.advance(10_000);
    await fleet.markUnhealthy('default/foo', 'b');
    expect((await status(store))?.find((s) => s.clusterName === 'b')).toMatchObject({
      health: 'Unhealthy',
      readyReplicas: 0,
    });
    await clock.advance(60_000);
    expect(fleet.readyReplicas('default/foo')).toBe(1);
  });
});
