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

  it('honours capacity: replicas that do not fit stay Pending, not ready, until room frees up', async () => {
    const clock = new VirtualClock(0);
    const store = new InMemoryStateStore();
    const workload = { startupSeconds: 10, resources: parseResourceList({ cpu: '1' }) };
    const fleet = new VirtualFleet(
      store,
      clock,
      new Map([
        ['default/foo', workload],
        ['default/bar', workload],
      ]),
    );
    fleet.addMember('a', parseResourceList({ cpu: '3', pods: 10 }));
    const place = async (name: string, replicas: number) => {
      const base = makeBinding(name, { replicas });
      const stored =
        (await store.get('Binding', `default/${name}`)) ?? (await store.create('Binding', base));
      await fleet.apply({
        ...stored,
        spec: { ...stored.spec, clusters: [{ name: 'a', replicas }] },
      });
    };
    await place('foo', 2);
    await place('bar', 2);
    await clock.advance(10_000);
    // 3 CPU: foo's two fit, bar gets one; its second stays Pending.
    expect(fleet.replicas('default/foo')).toEqual({ running: { a: 2 }, ready: { a: 2 } });
    expect(fleet.replicas('default/bar')).toEqual({ running: { a: 2 }, ready: { a: 1 } });
    const bar = await store.get('Binding', 'default/bar');
    expect(bar?.status?.aggregatedStatus?.[0]).toMatchObject({
      health: 'Unknown',
      readyReplicas: 1,
    });
    // Pending replicas request resources too: the member reports itself over-requested.
    expect(fleet.member('a')?.allocated().cpu?.milliValue()).toBe(4000n);

    // foo shrinks: the Pending replica of bar is admitted and ready one startup later.
    await place('foo', 1);
    expect(fleet.replicas('default/bar').ready).toEqual({ a: 1 });
    await clock.advance(10_000);
    expect(fleet.replicas('default/bar')).toEqual({ running: { a: 2 }, ready: { a: 2 } });
  });

  it('never pushes out admitted replicas: a workload that grows waits for room', async () => {
    const clock = new VirtualClock(0);
    const store = new InMemoryStateStore();
    const fleet = new VirtualFleet(
      store,
      clock,
      new Map([
        ['default/foo', { startupSeconds: 10, resources: parseResourceList({ cpu: '1' }) }],
      ]),
    );
    fleet.addMember('a', parseResourceList({ cpu: '2' }));
    const created = await store.create('Binding', makeBinding('foo', { replicas: 2 }));
    const scale = (replicas: number) =>
      fleet.apply({ ...created, spec: { ...created.spec, clusters: [{ name: 'a', replicas }] } });
    await scale(2);
    await clock.advance(10_000);
    await scale(5);
    await clock.advance(60_000);
    expect(fleet.replicas('default/foo')).toEqual({ running: { a: 5 }, ready: { a: 2 } });
    // Removal takes the Pending ones first: the ready two keep serving.
    await scale(3);
    expect(fleet.replicas('default/foo')).toEqual({ running: { a: 3 }, ready: { a: 2 } });
  });
});
