import { Quantity } from '../model/quantity';
import { parseResourceList, type ResourceList } from '../model/resources';
import type { Cluster } from '../model/cluster';
import { makeBinding, makeCluster } from '../testing';
import { AssumedReplicas } from './assumed-replicas';

const binding = (name: string, clusters?: { name: string; replicas: number }[]) => {
  const b = makeBinding(name, { replicas: 2, request: { cpu: '500m' } });
  return { ...b, spec: { ...b.spec, ...(clusters ? { clusters } : {}) } };
};
const cluster = (name: string, allocated: Record<string, string | number> = {}): Cluster => {
  const c = makeCluster(name).allocatable({ cpu: '4', pods: 10 }).build();
  return { ...c, status: { ...c.status, allocated: parseResourceList(allocated) } };
};
const milliCpu = (c: Cluster | undefined) => c?.status?.allocated?.['cpu']?.milliValue();
const cpus = (list: readonly Cluster[]) => list.map((c) => milliCpu(c) ?? 0n);
const pods = (c: Cluster | undefined) => c?.status?.allocated?.['pods']?.value();

describe('AssumedReplicas', () => {
  it('adds what earlier decisions placed to the allocated of their clusters, and nothing elsewhere', () => {
    const assumed = new AssumedReplicas();
    const fleet = [cluster('a', { cpu: '1', pods: 2 }), cluster('b')];
    expect(assumed.view(fleet, 0)).toBe(fleet);
    assumed.assume(binding('foo'), [{ name: 'a', replicas: 2 }], 0);
    assumed.assume(binding('bar', [{ name: 'a', replicas: 1 }]), [{ name: 'a', replicas: 3 }], 0);
    const [a, b] = assumed.view(fleet, 1);
    expect([milliCpu(a), pods(a)]).toEqual([3000n, 6n]);
    expect(b).toBe(fleet[1]);
    // Nothing changed: the same objects, so caches keyed by them still hold.
    expect(assumed.view(fleet, 2)).toBe(assumed.view(fleet, 2));
    expect(assumed.view(fleet, 2)[0]).toBe(a);
  });

  it('ends an assumption once the cluster reports a different allocated', () => {
    const assumed = new AssumedReplicas();
    const before = [cluster('a')];
    assumed.view(before, 0);
    assumed.assume(binding('foo'), [{ name: 'a', replicas: 2 }], 0);
    expect(milliCpu(assumed.view([cluster('a')], 1)[0])).toBe(1000n);
    // The member reported: its figures count foo's replicas now.
    const reported = [cluster('a', { cpu: '1', pods: 2 })];
    expect(assumed.view(reported, 2)).toBe(reported);
    expect(assumed.size).toBe(0);
  });

  it('ends an assumption after its lifetime, and when the binding shrinks or leaves the cluster', () => {
    const assumed = new AssumedReplicas(60_000);
    const fleet = [cluster('a'), cluster('b')];
    assumed.view(fleet, 0);
    assumed.assume(binding('foo'), [{ name: 'a', replicas: 2 }], 0);
    assumed.assume(binding('bar'), [{ name: 'b', replicas: 2 }], 30_000);
    expect(assumed.size).toBe(2);
    assumed.view(fleet, 60_000);
    expect(assumed.size).toBe(1);
    assumed.assume(
      binding('bar', [{ name: 'b', replicas: 2 }]),
      [{ name: 'a', replicas: 2 }],
      61_000,
    );
    // bar left b (its assumption there goes) and came to a.
    const [a, b] = assumed.view(fleet, 61_000);
    expect(milliCpu(a)).toBe(1000n);
    expect(b).toBe(fleet[1]);
  });

  it('keeps assumptions while a cluster is re-listed with an equal allocated, ending them by age, oldest first', () => {
    const assumed = new AssumedReplicas(60_000);
    assumed.view([cluster('a')], 0);
    assumed.assume(binding('foo'), [{ name: 'a', replicas: 2 }], 0);
    assumed.assume(binding('bar'), [{ name: 'a', replicas: 2 }], 20_000);
    assumed.assume(binding('baz'), [{ name: 'a', replicas: 2 }], 40_000);
    // New objects with the same figures (an informer decoding every write), nothing reported.
    expect(milliCpu(assumed.view([cluster('a')], 50_000)[0])).toBe(3000n);
    expect(milliCpu(assumed.view([cluster('a')], 65_000)[0])).toBe(2000n);
    expect(milliCpu(assumed.view([cluster('a')], 85_000)[0])).toBe(1000n);
    // baz shrinks on a: its assumption goes, the sum follows.
    assumed.assume(
      binding('baz', [{ name: 'a', replicas: 2 }]),
      [{ name: 'a', replicas: 1 }],
      86_000,
    );
    expect(assumed.view([cluster('a')], 86_000)[0]?.status?.allocated?.['cpu']).toBeUndefined();
    expect(assumed.size).toBe(0);
  });

  it('ends every assumption the cluster has reported since, however many were made before', () => {
    const assumed = new AssumedReplicas();
    assumed.view([cluster('a')], 0);
    for (let i = 0; i < 5; i++) assumed.assume(binding(`w${i}`), [{ name: 'a', replicas: 1 }], i);
    expect(pods(assumed.view([cluster('a')], 10)[0])).toBe(5n);
    expect(
      assumed.view([cluster('a', { cpu: '2500m', pods: 5 })], 11)[0]?.status?.allocated,
    ).toEqual(parseResourceList({ cpu: '2500m', pods: 5 }));
    expect(assumed.size).toBe(0);
  });

  it('follows a fleet listed afresh for each cycle, redoing only the clusters that changed', () => {
    const assumed = new AssumedReplicas();
    const [a, b, c] = [cluster('a'), cluster('b'), cluster('c')];
    assumed.view([a, b, c], 0);
    assumed.assume(
      binding('foo'),
      [
        { name: 'a', replicas: 2 },
        { name: 'c', replicas: 2 },
      ],
      0,
    );
    const first = assumed.view([a, b, c], 1);
    expect(cpus(first)).toEqual([1000n, 0n, 1000n]);
    expect(first[1]).toBe(b);
    // A new list of the same objects: the same view.
    expect(assumed.view([a, b, c], 2)).toBe(first);
    // c reports foo's replicas; a has not yet.
    const reported = cluster('c', { cpu: '1', pods: 2 });
    const second = assumed.view([a, b, reported], 3);
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(reported);
    expect(assumed.size).toBe(1);
    assumed.assume(binding('bar'), [{ name: 'b', replicas: 2 }], 3);
    const third = assumed.view([a, b, reported], 4);
    expect(cpus(third)).toEqual([1000n, 1000n, 1000n]);
    expect(third[0]).toBe(first[0]);
    // b leaves the fleet: its assumption no longer shows, a's still does.
    expect(cpus(assumed.view([a, reported], 5))).toEqual([1000n, 1000n]);
    expect(assumed.view([b], 6)[0]).toBe(third[1]);
  });

  it('leaves clusters without allocatable alone: nothing bounds them', () => {
    const assumed = new AssumedReplicas();
    const open = [makeCluster('a').build()];
    assumed.assume(binding('foo'), [{ name: 'a', replicas: 2 }], 0);
    expect(assumed.view(open, 0)[0]).toBe(open[0]);
  });

  it('counts one pod slot per replica when the workload requests nothing', () => {
    const assumed = new AssumedReplicas();
    const none = makeBinding('free', { replicas: 3 });
    assumed.assume(none, [{ name: 'a', replicas: 3 }], 0);
    const allocated: ResourceList | undefined = assumed.view([cluster('a')], 0)[0]?.status
      ?.allocated;
    expect(allocated?.['pods']).toEqual(Quantity.fromUnits(3));
    expect(allocated?.['cpu']?.milliValue() ?? 0n).toBe(0n);
  });
});
