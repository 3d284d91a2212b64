import { SeededRandom, makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type { FilterPlugin, PluginRegistration } from '../contracts/scheduler-plugins';
import type {
  AssignContext,
  AssignResult,
  ScoredCluster,
  SchedulingStrategy,
} from '../contracts/scheduling-strategy';
import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { parseResourceList } from '../model/resources';
import { SchedulerFramework } from './framework';
import type { SchedulerProfile } from './profile';
import { Scheduler } from './scheduler';
import { Status } from './status';
import { structuralKey } from './structural-key';

// An equivalence class whose capacity answer went out of date re-estimates only the clusters that
// changed and copies the rest (or starts over when half or more changed). These tests change a
// few clusters' allocated CPU (new objects, as an informer hands them), schedule again, and
// require the exact answer, in the same order, that a scheduler without the cache computes.

const NOW = 1_000_000;
const FLEET = 40;

/**
 * Rejects clusters labelled `down`, so a change can make a cluster infeasible or feasible again.
 * Keyed by the CPU request (finer than it needs, still correct) so each request is a class of its
 * own, whose stale answer is not replaced by another request's re-estimate.
 */
const upFilter: FilterPlugin = {
  name: 'Up',
  filter: (_s, _b, cluster) =>
    cluster.metadata.labels?.['down'] === 'true' ? Status.unschedulable('is down') : Status.success,
  equivalenceKey: (binding) => structuralKey(binding.spec.replicaRequirements?.resourceRequest),
};

const milliCpu = (cluster: Cluster, field: 'allocatable' | 'allocated'): number =>
  Number(cluster.status?.[field]?.['cpu']?.milliValue() ?? 0n);

/** Free CPU over the binding's request, per cluster; records which clusters each call was asked about. */
function cpuEstimator(asked: string[][]): CapacityEstimator {
  return {
    name: 'FreeCpu',
    maxAvailableReplicas: async (binding, clusters) => {
      asked.push(clusters.map((c) => c.metadata.name));
      const per = Number(binding.spec.replicaRequirements?.resourceRequest['cpu']?.milliValue());
      return new Map(
        clusters.map((c) => [
          c.metadata.name,
          Math.floor((milliCpu(c, 'allocatable') - milliCpu(c, 'allocated')) / per),
        ]),
      );
    },
    equivalenceKey: (binding) => structuralKey(binding.spec.replicaRequirements?.resourceRequest),
  };
}

/** Fills the candidates in the order it iterates the answer, recording the answer as it saw it. */
function recordingStrategy(seen: [string, number][][]): SchedulingStrategy {
  return {
    name: 'FillInAnswerOrder',
    appliesTo: () => true,
    assign(binding: Binding, _c: readonly ScoredCluster[], context: AssignContext): AssignResult {
      seen.push([...context.availableReplicas.entries()]);
      const clusters: TargetCluster[] = [];
      let left = binding.spec.replicas;
      for (const [name, room] of context.availableReplicas) {
        const take = Math.min(left, room);
        if (take > 0) clusters.push({ name, replicas: take });
        left -= take;
      }
      return left > 0 ? { status: Status.unschedulable('not enough room') } : { clusters };
    },
  };
}

function scheduler(equivalenceCache: boolean) {
  const profile: SchedulerProfile = {
    schedulerName: 'test',
    plugins: { filter: { enabled: [{ name: 'Up' }] } },
  };
  const registration: PluginRegistration = { name: upFilter.name, factory: () => upFilter };
  const framework = new SchedulerFramework([registration], profile, { now: () => NOW });
  const asked: string[][] = [];
  const seen: [string, number][][] = [];
  const instance = new Scheduler(framework, [recordingStrategy(seen)], [cpuEstimator(asked)], {
    equivalenceCache,
  });
  return { instance, asked, seen };
}

function withCpu(cluster: Cluster, allocatedMilli: number, down: boolean): Cluster {
  const labels = { ...cluster.metadata.labels };
  if (down) labels['down'] = 'true';
  else delete labels['down'];
  return {
    ...cluster,
    metadata: { ...cluster.metadata, labels },
    status: { ...cluster.status, allocated: parseResourceList({ cpu: `${allocatedMilli}m` }) },
  };
}

function fleet(random: SeededRandom, size = FLEET): Cluster[] {
  return Array.from({ length: size }, (_, i) =>
    withCpu(
      makeCluster(`c${String(i).padStart(2, '0')}`)
        .allocatable({ cpu: String(random.int(4, 32)) })
        .build(),
      random.int(0, 4000),
      random.chance(0.15),
    ),
  );
}

const placement = {
  replicaScheduling: {
    type: 'Divided' as const,
    division: 'DynamicWeight' as const,
    dynamicWeight: 'AvailableReplicas' as const,
  },
};

/** Two classes (by CPU request), a few bindings each. */
const bindingsOfRound = (round: number, random: SeededRandom): Binding[] =>
  Array.from({ length: 4 }, (_, i) =>
    makeBinding(`r${round}-b${i}`, {
      replicas: random.int(1, 30),
      placement,
      request: { cpu: i % 2 === 0 ? '500m' : '2' },
    }),
  );

/** `count` distinct positions, each given new allocated CPU and sometimes flipped up/down. */
function change(clusters: readonly Cluster[], count: number, random: SeededRandom): Cluster[] {
  const positions = new Set<number>();
  while (positions.size < count) positions.add(random.int(0, clusters.length - 1));
  return clusters.map((c, i) =>
    positions.has(i)
      ? withCpu(
          c,
          random.int(0, milliCpu(c, 'allocatable')),
          random.chance(0.25)
            ? c.metadata.labels?.['down'] !== 'true'
            : c.metadata.labels?.['down'] === 'true',
        )
      : c,
  );
}

describe('patched capacity answers of an equivalence class', () => {
  it('equal a fresh answer, in the same order, over many rounds of a few clusters changing', async () => {
    const random = new SeededRandom(2026);
    let clusters = fleet(random);
    const cached = scheduler(true);
    const plain = scheduler(false);
    let patches = 0;
    let rebuilds = 0;
    for (let round = 0; round < 60; round++) {
      // Mostly a few clusters; every fifth round many (a relist: the scheduler starts over).
      const count = round % 5 === 4 ? random.int(FLEET / 2, FLEET) : random.int(1, 5);
      if (round > 0) clusters = change(clusters, count, random);
      for (const binding of bindingsOfRound(round, random)) {
        const askedBefore = cached.asked.length;
        const a = await cached.instance.schedule(binding, clusters, NOW);
        const b = await plain.instance.schedule(binding, clusters, NOW);
        expect(cached.seen.at(-1)).toEqual(plain.seen.at(-1));
        expect(a.ok && a.clusters).toEqual(b.ok && b.clusters);
        const asked = cached.asked.slice(askedBefore);
        const feasible = clusters.filter((c) => c.metadata.labels?.['down'] !== 'true').length;
        for (const names of asked) {
          if (names.length < feasible) patches++;
          else rebuilds++;
          if (round > 0 && count * 2 < FLEET) expect(names.length).toBeLessThanOrEqual(count);
        }
      }
    }
    // The rounds really took both paths (not only answers remembered or computed afresh).
    expect(patches).toBeGreaterThan(20);
    expect(rebuilds).toBeGreaterThan(10);
  });

  it('asks exactly about the feasible clusters changed since the class last asked, or about all once half or more changed', async () => {
    const size = 12;
    const random = new SeededRandom(99);
    let clusters = fleet(random, size);
    const cached = scheduler(true);
    const plain = scheduler(false);
    const requests = ['500m', '2'];
    // Per class, the positions changed since its last binding (the cache's own bookkeeping).
    const pending = requests.map(() => new Set<number>());
    let rebuilds = 0;
    for (let round = 0; round < 80; round++) {
      if (round > 0) {
        // At most 8 at a time, so the scheduler forgets them rather than starting over.
        const before = clusters;
        clusters = change(clusters, random.int(1, 4), random);
        clusters.forEach((c, i) => {
          if (c !== before[i]) for (const set of pending) set.add(i);
        });
      }
      // One class binds every round (the scheduler sees every change), the other now and then,
      // so changes pile up past half for it.
      const first = random.int(0, requests.length - 1);
      for (const [k, cpu] of requests.entries()) {
        if (round > 0 && k !== first && !random.chance(0.3)) continue;
        const binding = makeBinding(`r${round}-${k}`, {
          replicas: random.int(1, 30),
          placement,
          request: { cpu },
        });
        const askedBefore = cached.asked.length;
        const a = await cached.instance.schedule(binding, clusters, NOW);
        const b = await plain.instance.schedule(binding, clusters, NOW);
        expect(cached.seen.at(-1)).toEqual(plain.seen.at(-1));
        expect(a.ok && a.clusters).toEqual(b.ok && b.clusters);
        const touched = pending[k] as Set<number>;
        const feasible = clusters.filter((c) => c.metadata.labels?.['down'] !== 'true');
        const expected =
          round === 0 || touched.size * 2 >= size
            ? feasible
            : feasible.filter((c) => touched.has(clusters.indexOf(c)));
        if (round > 0 && touched.size * 2 >= size) rebuilds++;
        expect(cached.asked.slice(askedBefore)).toEqual([expected.map((c) => c.metadata.name)]);
        touched.clear();
      }
    }
    expect(rebuilds).toBeGreaterThan(5);
  });

  it('re-estimates a cluster that turns feasible again and drops one that turns infeasible', async () => {
    let clusters = fleet(new SeededRandom(7)).map((c) => withCpu(c, 0, false));
    const cached = scheduler(true);
    const plain = scheduler(false);
    const run = async (name: string) => {
      const binding = makeBinding(name, { replicas: 3, placement, request: { cpu: '1' } });
      await cached.instance.schedule(binding, clusters, NOW);
      await plain.instance.schedule(binding, clusters, NOW);
      expect(cached.seen.at(-1)).toEqual(plain.seen.at(-1));
    };
    await run('first');
    // c03 goes down while full; c05 fills up.
    clusters = clusters.map((c, i) =>
      i === 3
        ? withCpu(c, 3000, true)
        : i === 5
          ? withCpu(c, milliCpu(c, 'allocatable'), false)
          : c,
    );
    await run('second');
    expect(cached.seen.at(-1)?.map(([n]) => n)).not.toContain('c03');
    expect(cached.asked.at(-1)).toEqual(['c05']);
    // c03 comes back with its CPU freed: it must be asked about, not copied from before.
    clusters = clusters.map((c, i) => (i === 3 ? withCpu(c, 0, false) : c));
    await run('third');
    expect(cached.asked.at(-1)).toEqual(['c03']);
    expect(new Map(cached.seen.at(-1)).get('c03')).toBe(
      milliCpu(clusters[3] as Cluster, 'allocatable') / 1000,
    );
  });
});
