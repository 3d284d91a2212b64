import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { CapacityEstimator } from '../contracts/capacity-estimator';
import type {
  ClusterScore,
  FilterPlugin,
  PluginRegistration,
  PostFilterPlugin,
  ScorePlugin,
} from '../contracts/scheduler-plugins';
import type {
  AssignContext,
  AssignResult,
  ScoredCluster,
  SchedulingStrategy,
} from '../contracts/scheduling-strategy';
import type { Binding, EvictionTask, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { findUntoleratedTaint, type Toleration } from '../model/toleration';
import { ClusterSnapshot } from './cluster-snapshot';
import { CycleState } from './cycle-state';
import { PerBindingSteps, isAborted, type Aborted, type Feasibility } from './cycle-steps';
import { EquivalenceCache } from './equivalence-cache';
import { SchedulerFramework, type PreFilterOutcome } from './framework';
import { clusterEvictionRegistration } from './plugins/cluster-eviction';
import type { SchedulerProfile } from './profile';
import { Scheduler, type ScheduleResult } from './scheduler';
import { Status } from './status';
import { structuralKey } from './structural-key';

// The equivalence cache must never change a result: every binding here is scheduled by a cached
// and an uncached scheduler over the same plugins, and the two results must be identical, also
// after clusters change, join or leave.

const NOW = 1_000_000;

/** Deterministic pseudo-random numbers (a test must not depend on Math.random). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Counts calls, to show what the cache saves. */
const calls = { filter: 0, score: 0, estimate: 0 };

/** Label filter: the placement's `clusterAffinity[0].labelSelector.matchLabels` must match. */
const labelFilter: FilterPlugin = {
  name: 'Labels',
  filter: (_s, binding, cluster) => {
    calls.filter++;
    const wanted = binding.spec.placement.clusterAffinity?.[0]?.labelSelector?.matchLabels ?? {};
    return Object.entries(wanted).every(([k, v]) => cluster.metadata.labels?.[k] === v)
      ? Status.success
      : Status.unschedulable('labels did not match');
  },
  equivalenceKey: (binding) => structuralKey(binding.spec.placement.clusterAffinity),
};

/** Taints, where a cluster the binding already uses passes (binding-specific, as Karmada's). */
const taintFilter: FilterPlugin = {
  name: 'Taints',
  filter: (_s, binding, cluster) => {
    calls.filter++;
    if (binding.spec.clusters?.some((t) => t.name === cluster.metadata.name)) return Status.success;
    const taint = findUntoleratedTaint(
      cluster.spec.taints ?? [],
      binding.spec.placement.clusterTolerations ?? [],
      (t) => t.effect !== 'PreferNoSchedule',
    );
    return taint ? Status.unschedulable(`had untolerated taint ${taint.key}`) : Status.success;
  },
  equivalenceKey: (binding) => structuralKey(binding.spec.placement.clusterTolerations),
  bindingSpecificClusters: (binding) => binding.spec.clusters?.map((t) => t.name),
};

/** Scores by a label, plus 50 on clusters the binding uses (binding-specific). */
const scorePlugin: ScorePlugin = {
  name: 'Score',
  score: (_s, binding, cluster) => {
    calls.score++;
    const base = Number(cluster.metadata.labels?.['score'] ?? 0);
    return Math.min(
      100,
      base + (binding.spec.clusters?.some((t) => t.name === cluster.metadata.name) ? 50 : 0),
    );
  },
  equivalenceKey: () => '',
  bindingSpecificClusters: (binding) => binding.spec.clusters?.map((t) => t.name),
};

/**
 * Scores by a label, plus 7 on clusters the binding uses (binding-specific), normalized so the
 * best candidate gets 100: every total depends on the other candidates' scores.
 */
const normalizedScore: ScorePlugin = {
  name: 'Normalized',
  score: (_s, binding, cluster) => {
    calls.score++;
    const used = binding.spec.clusters?.some((t) => t.name === cluster.metadata.name);
    return Number(cluster.metadata.labels?.['score'] ?? 0) + (used ? 7 : 0);
  },
  normalizeScore: (_s, _b, scores: ClusterScore[]) => {
    const max = Math.max(1, ...scores.map((s) => s.score));
    for (const s of scores) s.score = Math.round((s.score * 100) / max);
    return Status.success;
  },
  equivalenceKey: () => '',
  bindingSpecificClusters: (binding) => binding.spec.clusters?.map((t) => t.name),
};

/** Without a key: never shared. */
const plainFilter: FilterPlugin = {
  name: 'Plain',
  filter: (_s, _b, cluster) =>
    cluster.metadata.labels?.['broken'] === 'true'
      ? Status.unschedulable('is broken')
      : Status.success,
};

/** Falls back to any cluster labelled `fallback` when nothing fits. */
const fallback: PostFilterPlugin = {
  name: 'Fallback',
  postFilter: () => ({ status: Status.success, nominated: ['c00', 'c01'] }),
};

const capacity: CapacityEstimator = {
  name: 'Capacity',
  maxAvailableReplicas: async (binding, clusters) => {
    calls.estimate++;
    const per = Number(binding.spec.replicaRequirements?.resourceRequest['cpu']?.value() ?? 1);
    return new Map(
      clusters.map((c) => [
        c.metadata.name,
        Math.floor(Number(c.metadata.labels?.['room'] ?? 0) / per),
      ]),
    );
  },
  equivalenceKey: (binding) => structuralKey(binding.spec.replicaRequirements?.resourceRequest),
};

/** Divides by capacity over the first three candidates; fails when they cannot hold the replicas. */
const strategy: SchedulingStrategy = {
  name: 'ByRoom',
  appliesTo: () => true,
  assign(
    binding: Binding,
    candidates: readonly ScoredCluster[],
    context: AssignContext,
  ): AssignResult {
    const picked = candidates.slice(0, 3);
    const room = picked.map(
      (c) => context.availableReplicas.get(c.cluster.metadata.name) ?? binding.spec.replicas,
    );
    if (room.reduce((s, r) => s + r, 0) < binding.spec.replicas)
      return { status: Status.unschedulable('not enough room') };
    const clusters: TargetCluster[] = [];
    let left = binding.spec.replicas;
    picked.forEach((c, i) => {
      const take = Math.min(left, room[i] as number);
      if (take > 0) clusters.push({ name: c.cluster.metadata.name, replicas: take });
      left -= take;
    });
    return { clusters };
  },
};

const registration = (
  plugin: FilterPlugin | ScorePlugin | PostFilterPlugin,
): PluginRegistration => ({ name: plugin.name, factory: () => plugin });

function schedulers(
  filters = ['ClusterEviction', 'Taints', 'Labels'],
  withPostFilter = false,
  scores = [{ name: 'Score', weight: 2 }],
) {
  const profile: SchedulerProfile = {
    schedulerName: 'test',
    plugins: {
      filter: { enabled: filters.map((name) => ({ name })) },
      score: { enabled: scores },
      ...(withPostFilter ? { postFilter: { enabled: [{ name: 'Fallback' }] } } : {}),
    },
  };
  const framework = new SchedulerFramework(
    [
      ...[labelFilter, taintFilter, scorePlugin, normalizedScore, plainFilter, fallback].map(
        registration,
      ),
      clusterEvictionRegistration,
    ],
    profile,
    { now: () => NOW },
  );
  return {
    cached: new Scheduler(framework, [strategy], [capacity]),
    uncached: new Scheduler(framework, [strategy], [capacity], { equivalenceCache: false }),
  };
}

function fleet(count: number, next: () => number): Cluster[] {
  return Array.from({ length: count }, (_, i) => {
    let builder = makeCluster(`c${String(i).padStart(2, '0')}`).labels({
      env: next() < 0.6 ? 'prod' : 'dev',
      tier: next() < 0.5 ? 'gold' : 'silver',
      score: String(Math.floor(next() * 5) * 10),
      room: String(Math.floor(next() * 6)),
      ...(next() < 0.1 ? { broken: 'true' } : {}),
    });
    if (next() < 0.2)
      builder = builder.taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' });
    return builder.build();
  });
}

const task = (fromCluster: string): EvictionTask => ({
  fromCluster,
  purgeMode: 'Gracefully',
  reason: 'TaintUntolerated',
  producer: 'Test',
  creationTimestamp: 0,
});

function bindings(count: number, clusters: readonly Cluster[], next: () => number): Binding[] {
  const policies = [
    { clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }] },
    {
      clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod', tier: 'gold' } } }],
      clusterTolerations: [{ key: 'dedicated', operator: 'Exists' } as Toleration],
    },
    { clusterAffinity: [{ labelSelector: { matchLabels: { tier: 'silver' } } }] },
    { clusterAffinity: [{ labelSelector: { matchLabels: { env: 'nowhere' } } }] },
  ].map((p) => ({
    ...p,
    replicaScheduling: {
      type: 'Divided' as const,
      division: 'DynamicWeight' as const,
      dynamicWeight: 'AvailableReplicas' as const,
    },
  }));
  return Array.from({ length: count }, (_, i) => {
    const placement = policies[
      Math.floor(next() * policies.length)
    ] as Binding['spec']['placement'];
    const used =
      next() < 0.5
        ? [
            clusters[Math.floor(next() * clusters.length)] as Cluster,
            clusters[Math.floor(next() * clusters.length)] as Cluster,
          ]
        : [];
    const names = [...new Set(used.map((c) => c.metadata.name))];
    const base = makeBinding(`b${i}`, {
      replicas: 1 + Math.floor(next() * 6),
      placement,
      request: { cpu: next() < 0.5 ? '1' : '2' },
      ...(names.length ? { clusters: names.map((name) => ({ name, replicas: 1 })) } : {}),
    });
    const evicting =
      next() < 0.3
        ? [task((clusters[Math.floor(next() * clusters.length)] as Cluster).metadata.name)]
        : [];
    return evicting.length ? { ...base, spec: { ...base.spec, evictionTasks: evicting } } : base;
  });
}

/** What a result says, with the rejections explained, so two results compare as values. */
function view(result: ScheduleResult) {
  if (result.ok)
    return {
      ok: true,
      clusters: result.clusters,
      scored: result.scored.map((s) => [s.cluster.metadata.name, s.score]),
      group: result.placementGroup,
    };
  return {
    ok: false,
    code: result.status.code,
    message: result.status.message(),
    plugin: result.status.plugin,
    rejections: result.fitError?.rejections,
  };
}

async function expectSame(
  pair: ReturnType<typeof schedulers>,
  all: readonly Binding[],
  clusters: readonly Cluster[],
): Promise<number> {
  let placed = 0;
  for (const binding of all) {
    const cached = await pair.cached.schedule(binding, clusters, NOW);
    const uncached = await pair.uncached.schedule(binding, clusters, NOW);
    expect(view(cached)).toEqual(view(uncached));
    if (cached.ok) placed++;
  }
  return placed;
}

describe('the scheduler equivalence cache', () => {
  it('gives the same results as the plain cycle over many bindings sharing a few placements', async () => {
    const next = random(42);
    const clusters = fleet(40, next);
    const pair = schedulers();
    const placed = await expectSame(pair, bindings(400, clusters, next), clusters);
    expect(placed).toBeGreaterThan(100);
  });

  it('stays identical after clusters change (taint, labels), join or leave', async () => {
    const next = random(7);
    let clusters = fleet(30, next);
    const pair = schedulers();
    const all = bindings(150, clusters, next);
    await expectSame(pair, all, clusters);

    // A cluster gains a taint and another loses its labels: new objects, same names.
    clusters = clusters.map((c, i) =>
      i === 3
        ? { ...c, spec: { ...c.spec, taints: [{ key: 'failed', effect: 'NoExecute' as const }] } }
        : i === 5
          ? {
              ...c,
              metadata: {
                ...c.metadata,
                labels: { env: 'prod', tier: 'gold', score: '40', room: '5' },
              },
            }
          : c,
    );
    await expectSame(pair, all, clusters);

    // The order the clusters come in changes, one leaves and one joins.
    clusters = [
      ...clusters.slice(10),
      ...clusters.slice(1, 10),
      makeCluster('c99').labels({ env: 'prod', tier: 'gold', score: '30', room: '4' }).build(),
    ];
    await expectSame(pair, all, clusters);
  });

  it('stays identical while clusters change one or two at a time (rankings are patched, not sorted again)', async () => {
    const next = random(23);
    let clusters = fleet(90, next);
    const pair = schedulers();
    const all = bindings(120, clusters, next);
    await expectSame(pair, all, clusters);
    for (let round = 0; round < 8; round++) {
      const at = Math.floor(next() * clusters.length);
      const other = Math.floor(next() * clusters.length);
      clusters = clusters.map((c, i) =>
        i === at
          ? {
              ...c,
              metadata: {
                ...c.metadata,
                labels: { ...c.metadata.labels, score: String(Math.floor(next() * 5) * 10) },
              },
            }
          : i === other && round % 2 === 1
            ? {
                ...c,
                spec: { ...c.spec, taints: [{ key: 'down', effect: 'NoSchedule' as const }] },
              }
            : c,
      );
      await expectSame(pair, all, clusters);
    }
  });

  it('stays identical in a storm: a cluster tainted and every binding on it evicted from it', async () => {
    const next = random(11);
    let clusters = fleet(30, next);
    const pair = schedulers();
    const all = bindings(150, clusters, next).map((b) => ({
      ...b,
      spec: {
        ...b.spec,
        clusters: [
          { name: 'c04', replicas: 1 },
          ...(b.spec.clusters ?? []).filter((t) => t.name !== 'c04'),
        ],
        evictionTasks: undefined,
      },
    }));
    await expectSame(pair, all, clusters);
    clusters = clusters.map((c) =>
      c.metadata.name === 'c04'
        ? { ...c, spec: { ...c.spec, taints: [{ key: 'failed', effect: 'NoExecute' as const }] } }
        : c,
    );
    const evicted = all.map((b) => ({
      ...b,
      spec: {
        ...b.spec,
        clusters: b.spec.clusters?.filter((t) => t.name !== 'c04'),
        evictionTasks: [task('c04')],
      },
    }));
    await expectSame(pair, evicted, clusters);
    // Later bindings of the same classes that do not use the cluster learn its verdict.
    await expectSame(pair, bindings(60, clusters, next), clusters);
  });

  it('stays identical with a filter that cannot be shared and with a post-filter fallback', async () => {
    const next = random(99);
    const clusters = fleet(25, next);
    await expectSame(
      schedulers(['ClusterEviction', 'Taints', 'Plain', 'Labels']),
      bindings(120, clusters, next),
      clusters,
    );
    await expectSame(
      schedulers(['ClusterEviction', 'Taints', 'Labels'], true),
      bindings(120, clusters, next),
      clusters,
    );
  });

  it('stays identical with a normalizing score plugin, in a storm and after clusters change', async () => {
    const next = random(23);
    let clusters = fleet(30, next);
    const pair = schedulers(undefined, false, [
      { name: 'Normalized', weight: 3 },
      { name: 'Score', weight: 1 },
    ]);
    const all = bindings(200, clusters, next);
    await expectSame(pair, all, clusters);
    clusters = clusters.map((c, i) =>
      i === 4
        ? { ...c, spec: { ...c.spec, taints: [{ key: 'failed', effect: 'NoExecute' as const }] } }
        : c,
    );
    await expectSame(
      pair,
      all.map((b) => ({ ...b, spec: { ...b.spec, evictionTasks: [task('c04')] } })),
      clusters,
    );
    await expectSame(pair, bindings(100, clusters, next), clusters);
  });

  it('with a normalizing score plugin, shares the ranking only among bindings with no cluster of their own', async () => {
    const clusters = fleet(50, random(3));
    const { cached } = schedulers(undefined, false, [{ name: 'Normalized', weight: 1 }]);
    const placement = {
      clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }],
      replicaScheduling: { type: 'Duplicated' as const },
    };
    await cached.schedule(makeBinding('first', { placement }), clusters, NOW);
    calls.filter = calls.score = 0;
    await cached.schedule(makeBinding('second', { placement }), clusters, NOW);
    expect(calls).toMatchObject({ filter: 0, score: 0 });
    const used = makeBinding('third', { placement, clusters: [{ name: 'c01', replicas: 1 }] });
    const third = await cached.schedule(used, clusters, NOW);
    // Its own cluster scores 7 more for it, which moves every normalized total: all re-scored.
    expect(calls.score).toBeGreaterThan(1);
    expect(third.ok).toBe(true);
  });

  it('runs the filters, scores and estimator once per class, and again only on binding-specific clusters', async () => {
    const clusters = fleet(50, random(3));
    const { cached } = schedulers();
    const placement = {
      clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }],
      replicaScheduling: { type: 'Duplicated' as const },
    };
    await cached.schedule(
      makeBinding('first', { placement, request: { cpu: '1' } }),
      clusters,
      NOW,
    );
    calls.filter = calls.score = calls.estimate = 0;
    await cached.schedule(
      makeBinding('second', { placement, request: { cpu: '1' } }),
      clusters,
      NOW,
    );
    expect(calls).toEqual({ filter: 0, score: 0, estimate: 0 });
    // A binding already on two clusters: only those two are asked again (2 filters each, 1 score each).
    await cached.schedule(
      makeBinding('third', {
        placement,
        request: { cpu: '1' },
        clusters: [
          { name: 'c01', replicas: 1 },
          { name: 'c02', replicas: 1 },
        ],
      }),
      clusters,
      NOW,
    );
    expect(calls.filter).toBeLessThanOrEqual(4);
    expect(calls.score).toBeLessThanOrEqual(2);
  });

  it('asks again only about the cluster that changed', async () => {
    const clusters = fleet(50, random(5));
    const { cached } = schedulers();
    const placement = { replicaScheduling: { type: 'Duplicated' as const } };
    await cached.schedule(makeBinding('first', { placement }), clusters, NOW);
    const changed = clusters.map((c, i) =>
      i === 7
        ? { ...c, metadata: { ...c.metadata, labels: { ...c.metadata.labels, score: '0' } } }
        : c,
    );
    calls.filter = calls.score = 0;
    await cached.schedule(makeBinding('second', { placement }), changed, NOW);
    // Its filters (the chain stops at the first rejection) and at most its score; no other cluster.
    expect(calls.filter).toBeGreaterThanOrEqual(1);
    expect(calls.filter).toBeLessThanOrEqual(2);
    expect(calls.score).toBeLessThanOrEqual(1);
  });
});

describe('EquivalenceCache on its own', () => {
  const profile = (filters: string[]): SchedulerProfile => ({
    schedulerName: 'test',
    plugins: { filter: { enabled: filters.map((name) => ({ name })) } },
  });
  const build = (filters: string[]) => {
    const framework = new SchedulerFramework(
      [labelFilter, taintFilter, plainFilter].map(registration),
      profile(filters),
      { now: () => NOW },
    );
    const perBinding = new PerBindingSteps(framework, [capacity]);
    return { perBinding, cache: new EquivalenceCache(framework, [capacity], perBinding) };
  };
  const pre: PreFilterOutcome = { status: Status.success, skipped: new Set() };
  const placement = {
    clusterAffinity: [{ labelSelector: { matchLabels: { env: 'prod' } } }],
    replicaScheduling: { type: 'Duplicated' as const },
  };
  const names = (found: Feasibility | Aborted) =>
    isAborted(found) ? found.error.message() : found.feasible.map((c) => c.metadata.name);

  it('gives no shared steps when a filter that runs has no equivalence key', () => {
    const { cache } = build(['Taints', 'Plain']);
    cache.reset(new ClusterSnapshot(fleet(5, random(1))));
    expect(cache.stepsFor(makeBinding('a', { placement }), pre)).toBeUndefined();
  });

  it('filters as the per-binding steps do, asking each cluster once per class', () => {
    const clusters = fleet(20, random(2));
    const snapshot = new ClusterSnapshot(clusters);
    const { cache, perBinding } = build(['Taints', 'Labels']);
    cache.reset(snapshot);
    const first = makeBinding('first', { placement });
    const shared = cache.stepsFor(first, pre);
    calls.filter = 0;
    const found = shared?.filter(new CycleState(), first, snapshot, pre);
    expect(found && names(found)).toEqual(
      names(perBinding.filter(new CycleState(), first, snapshot, pre)),
    );
    expect(calls.filter).toBeGreaterThan(0);
    calls.filter = 0;
    const second = makeBinding('second', { placement });
    cache.stepsFor(second, pre)?.filter(new CycleState(), second, snapshot, pre);
    expect(calls.filter).toBe(0);
  });

  it('asks again only about the positions it is told changed, and about everything after a reset', () => {
    const clusters = fleet(20, random(3));
    const snapshot = new ClusterSnapshot(clusters);
    const { cache } = build(['Taints', 'Labels']);
    cache.reset(snapshot);
    const run = (name: string) => {
      const binding = makeBinding(name, { placement });
      cache.stepsFor(binding, pre)?.filter(new CycleState(), binding, snapshot, pre);
    };
    run('first');
    const changed = snapshot.update(
      clusters.map((c, i) => (i === 4 ? { ...c, metadata: { ...c.metadata } } : c)),
    );
    expect(changed).toEqual([4]);
    cache.forget(changed ?? []);
    calls.filter = 0;
    run('second');
    expect(calls.filter).toBeGreaterThanOrEqual(1);
    expect(calls.filter).toBeLessThanOrEqual(2);
    cache.reset(snapshot);
    calls.filter = 0;
    run('third');
    expect(calls.filter).toBeGreaterThanOrEqual(clusters.length);
  });
});
