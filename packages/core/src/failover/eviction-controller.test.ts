import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { VirtualClock } from '../clock/virtual-clock';
import type { EvictionDecision, EvictionPolicy, TaskReview } from '../contracts/eviction-policy';
import type { EvictionPass } from '../contracts/failover-observer';
import { Controller } from '../controller/controller';
import { Informer } from '../controller/informer';
import type { Binding, EvictionTask, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { objectKey } from '../model/meta';
import { MemoryEventRecorder } from '../observability/event-recorders';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { EvictionController } from './eviction-controller';

const DOWN = { key: 'example.com/down', effect: 'NoExecute' as const };

/** Evicts from clusters tainted DOWN; reviews tasks as the test says. */
class TestPolicy implements EvictionPolicy {
  readonly reviewed: string[] = [];
  reviewFor: (task: EvictionTask, now: number) => TaskReview = () => ({ done: false });
  decideFor: (cluster: Cluster, now: number) => EvictionDecision = (cluster) =>
    cluster.spec.taints?.some((t) => t.key === DOWN.key)
      ? { evict: { purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'Test' } }
      : {};

  constructor(readonly evictionsPerSecond?: number) {}

  decide(_binding: Binding, cluster: Cluster, now: number): EvictionDecision {
    return this.decideFor(cluster, now);
  }

  review(_binding: Binding, task: EvictionTask, now: number): TaskReview {
    this.reviewed.push(task.fromCluster);
    return this.reviewFor(task, now);
  }
}

async function setUp(policy: TestPolicy, clusters: Cluster[], bindings: Binding[]) {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  for (const c of clusters) await store.create('Cluster', c);
  for (const b of bindings) await store.create('Binding', b);
  const clusterInformer = new Informer(store, 'Cluster');
  const bindingInformer = new Informer(store, 'Binding');
  const reconciler = new EvictionController(
    bindingInformer,
    clusterInformer,
    store,
    policy,
    clock,
    recorder,
  );
  const controller = new Controller('eviction', reconciler, clock, { workers: 2 });
  bindingInformer.addHandler({
    onAdd: (b) => controller.enqueue(objectKey(b.metadata)),
    onUpdate: (b) => controller.enqueue(objectKey(b.metadata)),
  });
  await clusterInformer.start();
  await bindingInformer.start();
  return { clock, store, recorder, reconciler, controller, bindingInformer, clusterInformer };
}

const down = (name: string) => makeCluster(name).taint(DOWN).build();
const up = (name: string) => makeCluster(name).build();
const targets = (...names: string[]): TargetCluster[] =>
  names.map((name) => ({ name, replicas: 2 }));

describe('EvictionController', () => {
  it('moves a cluster the policy evicts from into an eviction task, in one write, with an event', async () => {
    const policy = new TestPolicy();
    const { clock, store, recorder, reconciler } = await setUp(
      policy,
      [down('a'), up('b')],
      [makeBinding('foo', { clusters: targets('a', 'b') })],
    );
    await clock.advance(5_000);
    const result = await reconciler.reconcile('default/foo');
    expect(result).toBeUndefined();
    const foo = await store.get('Binding', 'default/foo');
    expect(foo?.metadata.resourceVersion).toBe('4');
    expect(foo?.spec.clusters).toEqual([{ name: 'b', replicas: 2 }]);
    expect(foo?.spec.evictionTasks).toEqual([
      {
        purgeMode: 'Gracefully',
        reason: 'TaintUntolerated',
        producer: 'Test',
        fromCluster: 'a',
        replicas: 2,
        creationTimestamp: 5_000,
        clustersBeforeFailover: ['b'],
      },
    ]);
    expect(recorder.events).toEqual([
      {
        kind: 'Binding',
        key: 'default/foo',
        type: 'Warning',
        reason: 'EvictionStarted',
        message: 'evicting from a (Gracefully): TaintUntolerated',
        time: 5_000,
        details: {
          cluster: 'a',
          purgeMode: 'Gracefully',
          reason: 'TaintUntolerated',
          producer: 'Test',
        },
      },
    ]);
  });

  it('writes nothing when the policy evicts nothing', async () => {
    const policy = new TestPolicy();
    const { store, recorder, reconciler } = await setUp(
      policy,
      [up('a')],
      [makeBinding('foo', { clusters: targets('a') })],
    );
    await reconciler.reconcile('default/foo');
    expect((await store.get('Binding', 'default/foo'))?.metadata.resourceVersion).toBe('2');
    expect(recorder.events).toEqual([]);
  });

  it('keeps targets on clusters it does not know (no decision without the cluster)', async () => {
    const policy = new TestPolicy();
    policy.decideFor = () => {
      throw new Error('must not be asked about an unknown cluster');
    };
    const { store, reconciler } = await setUp(
      policy,
      [],
      [makeBinding('foo', { clusters: targets('ghost') })],
    );
    await reconciler.reconcile('default/foo');
    expect((await store.get('Binding', 'default/foo'))?.spec.clusters).toEqual([
      { name: 'ghost', replicas: 2 },
    ]);
  });

  it('asks again at the earliest recheck time a decision names', async () => {
    const policy = new TestPolicy();
    policy.decideFor = (cluster, now) => ({
      recheckAt: now + (cluster.metadata.name === 'a' ? 300_000 : 60_000),
    });
    const { reconciler } = await setUp(
      policy,
      [up('a'), up('b')],
      [makeBinding('foo', { clusters: targets('a', 'b') })],
    );
    expect(await reconciler.reconcile('default/foo')).toEqual({ requeueAfterMs: 60_000 });
  });

  it('returns nothing for a binding that no longer exists', async () => {
    const { reconciler } = await setUp(new TestPolicy(), [], []);
    expect(await reconciler.reconcile('default/gone')).toBeUndefined();
  });

  describe('rate limiting', () => {
    it('starts at most evictionsPerSecond evictions; the rest wait their turn on the clock', async () => {
      const policy = new TestPolicy(1);
      const { clock, store, recorder, controller } = await setUp(
        policy,
        ['a', 'b', 'c', 'd', 'e'].map(down).concat(up('z')),
        [makeBinding('foo', { clusters: targets('a', 'b', 'c', 'd', 'e', 'z') })],
      );
      controller.start();
      await clock.advance(10_000);
      expect(
        recorder.withReason('EvictionStarted').map((e) => `${e.message.split(' ')[2]}@${e.time}`),
      ).toEqual(['a@0', 'b@1000', 'c@2000', 'd@3000', 'e@4000']);
      const foo = await store.get('Binding', 'default/foo');
      expect(foo?.spec.clusters).toEqual([{ name: 'z', replicas: 2 }]);
      expect(
        foo?.spec.evictionTasks?.map((t) => `${t.fromCluster}@${t.creationTimestamp}`),
      ).toEqual(['a@0', 'b@1000', 'c@2000', 'd@3000', 'e@4000']);
      await controller.stop();
    });

    it('lets waiting bindings book tokens in turn, so a queue of N costs O(N) passes, not O(N²)', async () => {
      const policy = new TestPolicy(1);
      let decisions = 0;
      const decide = policy.decideFor;
      policy.decideFor = (cluster, now) => {
        decisions++;
        return decide(cluster, now);
      };
      const names = Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(2, '0')}`);
      const { clock, recorder, controller } = await setUp(
        policy,
        [down('a'), up('z')],
        names.map((n) => makeBinding(n, { clusters: targets('a', 'z') })),
      );
      controller.start();
      await clock.advance(60_000);
      const starts = recorder.withReason('EvictionStarted').map((e) => e.time);
      expect(starts).toHaveLength(40);
      // One eviction per second, in order, without gaps.
      expect(starts).toEqual(names.map((_, i) => i * 1000));
      // A few passes per binding (book a token, evict when it is due, the passes its own writes
      // trigger); without booking every waiting binding is asked again about every token (~800 here).
      expect(decisions).toBeLessThanOrEqual(6 * 40);
      await controller.stop();
    });

    it('tells observers what each pass started and how many evictions the limit held back', async () => {
      const clock = new VirtualClock(0);
      const store = new InMemoryStateStore();
      await store.create('Cluster', down('a'));
      await store.create('Cluster', down('b'));
      await store.create('Cluster', down('c'));
      await store.create('Binding', makeBinding('foo', { clusters: targets('a', 'b', 'c') }));
      const clusterInformer = new Informer(store, 'Cluster');
      const bindingInformer = new Informer(store, 'Binding');
      await clusterInformer.start();
      await bindingInformer.start();
      const passes: EvictionPass[] = [];
      const reconciler = new EvictionController(
        bindingInformer,
        clusterInformer,
        store,
        new TestPolicy(1),
        clock,
        new MemoryEventRecorder(),
        [{ evictionPass: (p) => passes.push(p) }, {}],
      );
      expect(await reconciler.reconcile('default/foo')).toEqual({ requeueAfterMs: 1000 });
      expect(passes).toEqual([
        { binding: 'default/foo', started: ['a'], completed: [], delayed: 2, at: 0 },
      ]);
    });

    it('shares the limit across bindings', async () => {
      const policy = new TestPolicy(2);
      const { clock, recorder, controller } = await setUp(
        policy,
        [down('a'), up('b')],
        ['p', 'q', 'r', 's'].map((n) => makeBinding(n, { clusters: targets('a', 'b') })),
      );
      controller.start();
      await clock.advance(5_000);
      const times = recorder.withReason('EvictionStarted').map((e) => e.time);
      expect(times).toEqual([0, 500, 1000, 1500]);
      expect(new Set(recorder.withReason('EvictionStarted').map((e) => e.key))).toEqual(
        new Set(['default/p', 'default/q', 'default/r', 'default/s']),
      );
      await controller.stop();
    });

    it('without a limit evicts everything at once', async () => {
      const policy = new TestPolicy();
      const { clock, recorder, controller } = await setUp(policy, ['a', 'b', 'c'].map(down), [
        makeBinding('foo', { clusters: targets('a', 'b', 'c') }),
      ]);
      controller.start();
      await clock.advance(0);
      expect(recorder.withReason('EvictionStarted').map((e) => e.time)).toEqual([0, 0, 0]);
      await controller.stop();
    });
  });

  describe('reviewing open tasks', () => {
    const task = (fromCluster: string): EvictionTask => ({
      fromCluster,
      purgeMode: 'Gracefully',
      reason: 'TaintUntolerated',
      producer: 'Test',
      replicas: 2,
      creationTimestamp: 0,
    });
    /** A binding the scheduler has already placed (observed its generation). */
    const settled = (tasks: EvictionTask[]): Binding => {
      const b = makeBinding('foo', { clusters: targets('b') });
      return {
        ...b,
        spec: { ...b.spec, evictionTasks: tasks },
        status: { schedulerObservedGeneration: 1 },
      };
    };

    it('removes tasks the policy reviews as done and keeps the others, with an event per removal', async () => {
      const policy = new TestPolicy();
      policy.reviewFor = (t) =>
        t.fromCluster === 'x' ? { done: true, reason: 'NewPlacementHealthy' } : { done: false };
      const { clock, store, recorder, reconciler } = await setUp(
        policy,
        [up('b')],
        [settled([task('x'), task('y')])],
      );
      await clock.advance(7_000);
      await reconciler.reconcile('default/foo');
      const foo = await store.get('Binding', 'default/foo');
      expect(foo?.spec.evictionTasks).toEqual([task('y')]);
      expect(foo?.spec.clusters).toEqual([{ name: 'b', replicas: 2 }]);
      expect(recorder.events).toEqual([
        {
          kind: 'Binding',
          key: 'default/foo',
          type: 'Normal',
          reason: 'EvictionCompleted',
          message: 'left x (NewPlacementHealthy)',
          time: 7_000,
          details: { cluster: 'x', reason: 'NewPlacementHealthy' },
        },
      ]);
    });

    it('asks again at the earliest recheck time a review names', async () => {
      const policy = new TestPolicy();
      policy.reviewFor = (t, now) => ({
        done: false,
        recheckAt: now + (t.fromCluster === 'x' ? 30_000 : 10_000),
      });
      const { store, reconciler } = await setUp(
        policy,
        [up('b')],
        [settled([task('x'), task('y')])],
      );
      expect(await reconciler.reconcile('default/foo')).toEqual({ requeueAfterMs: 10_000 });
      expect((await store.get('Binding', 'default/foo'))?.metadata.resourceVersion).toBe('2');
    });

    it('a task whose grace period runs out on the clock is removed then, not before', async () => {
      const policy = new TestPolicy();
      policy.reviewFor = (t, now) =>
        now >= t.creationTimestamp + 60_000
          ? { done: true, reason: 'GracePeriodExpired' }
          : { done: false, recheckAt: t.creationTimestamp + 60_000 };
      const { clock, store, recorder, controller } = await setUp(
        policy,
        [up('b')],
        [settled([task('x')])],
      );
      controller.start();
      await clock.advance(59_999);
      expect((await store.get('Binding', 'default/foo'))?.spec.evictionTasks).toEqual([task('x')]);
      await clock.advance(1);
      expect((await store.get('Binding', 'default/foo'))?.spec.evictionTasks).toEqual([]);
      expect(recorder.withReason('EvictionCompleted').map((e) => e.time)).toEqual([60_000]);
      await controller.stop();
    });

    it('does not review tasks until the scheduler has observed the current spec', async () => {
      const policy = new TestPolicy();
      policy.reviewFor = () => ({ done: true });
      const unsettled = { ...settled([task('x')]), status: { schedulerObservedGeneration: 0 } };
      const { store, reconciler } = await setUp(policy, [up('b')], [unsettled]);
      await reconciler.reconcile('default/foo');
      expect(policy.reviewed).toEqual([]);
      expect((await store.get('Binding', 'default/foo'))?.spec.evictionTasks).toEqual([task('x')]);
    });

    it('does not review in the same pass that starts an eviction', async () => {
      const policy = new TestPolicy();
      policy.reviewFor = () => ({ done: true });
      const b = settled([task('x')]);
      const binding = { ...b, spec: { ...b.spec, clusters: targets('a', 'b') } };
      const { store, reconciler } = await setUp(policy, [down('a'), up('b')], [binding]);
      await reconciler.reconcile('default/foo');
      expect(policy.reviewed).toEqual([]);
      expect(
        (await store.get('Binding', 'default/foo'))?.spec.evictionTasks?.map((t) => t.fromCluster),
      ).toEqual(['x', 'a']);
    });
  });
});
