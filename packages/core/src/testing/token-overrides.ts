import 'reflect-metadata';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { DependencyContainer } from 'tsyringe';
import { VirtualClock } from '../clock/virtual-clock';
import { ACTUATOR, type Actuator } from '../contracts/actuator';
import { CAPACITY_ESTIMATORS } from '../contracts/capacity-estimator';
import { CLOCK } from '../contracts/clock';
import { EVENT_RECORDER, EVENT_RECORDER_DECORATORS } from '../contracts/event-recorder';
import { EVICTION_GUARD } from '../contracts/eviction-guard';
import { EVICTION_POLICY } from '../contracts/eviction-policy';
import { FAILBACK_POLICY } from '../contracts/failback-policy';
import { FAILOVER_OBSERVERS } from '../contracts/failover-observer';
import { HEALTH_DETECTOR } from '../contracts/health-detector';
import { LOGGER, METRICS_REGISTRY } from '../contracts/observability';
import { SCHEDULER_PLUGINS, type FilterPlugin } from '../contracts/scheduler-plugins';
import { SCHEDULING_STRATEGIES } from '../contracts/scheduling-strategy';
import { STATE_STORE } from '../contracts/state-store';
import { TAINTER } from '../contracts/tainter';
import { WORKLOAD_GROUPS } from '../contracts/workload-groups';
import type { Informer } from '../controller/informer';
import { register } from '../di/register';
import { resolve } from '../di/resolve';
import { FailoverManager } from '../failover/failover-manager';
import { FAILOVER_MANAGER_OPTIONS } from '../failover/failover-manager-options';
import { WorkloadGroups } from '../failover/workload-groups';
import type { Binding } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { MemoryEventRecorder } from '../observability/event-recorders';
import { SchedulerFramework } from '../scheduler/framework';
import { SCHEDULER_FRAMEWORK } from '../scheduler/framework-token';
import { SCHEDULER_PROFILE, mergeProfiles } from '../scheduler/profile';
import { SCHEDULER, SCHEDULER_OPTIONS } from '../scheduler/scheduler-token';
import { Status } from '../scheduler/status';
import { InMemoryStateStore } from '../store/in-memory-state-store';
import { makeBinding, makeCluster } from './builders';

/** What a case saw after the run, and what it should have seen if its override ran. @public */
export interface OverrideVerdict {
  readonly actual: unknown;
  readonly expected: unknown;
}

/**
 * One replaceable core token: `override` registers a replacement into a container that already
 * holds `registerCore` and a flavour, and returns the check to run after
 * {@link runFailoverManager}; the check compares what ran with what the replacement does.
 * @public
 */
export interface TokenOverrideCase {
  readonly token: string;
  readonly shows: string;
  override(container: DependencyContainer): () => Promise<OverrideVerdict> | OverrideVerdict;
}

/** The fleet {@link runFailoverManager} starts with: two members and one binding on member1. @public */
export const OVERRIDE_FLEET = {
  clusters: [makeCluster('member1').build(), makeCluster('member2').build()],
  bindings: [makeBinding('web', { replicas: 2, clusters: [{ name: 'member1', replicas: 2 }] })],
} as const;

/**
 * Runs a `FailoverManager` resolved from `container` over {@link OVERRIDE_FLEET} (or `fleet`) for
 * `forMs` of the container's `CLOCK`, which must be a `VirtualClock`, then stops it.
 * @public
 */
export async function runFailoverManager(
  container: DependencyContainer,
  forMs = 60_000,
  fleet: { clusters: readonly Cluster[]; bindings: readonly Binding[] } = OVERRIDE_FLEET,
): Promise<void> {
  const clock = resolve(container, CLOCK);
  if (!(clock instanceof VirtualClock)) throw new TypeError('the CLOCK must be a VirtualClock');
  const store = resolve(container, STATE_STORE);
  for (const cluster of fleet.clusters) await store.create('Cluster', cluster);
  for (const binding of fleet.bindings) await store.create('Binding', binding);
  const manager = resolve(container, FailoverManager);
  await manager.start();
  await clock.advance(forMs);
  await manager.stop();
}

function recordingFilter(name: string, calls: string[]): FilterPlugin {
  return {
    name,
    filter: (_state, _binding, cluster) => {
      calls.push(cluster.metadata.name);
      return Status.success;
    },
  };
}

const NO_CHANGE = { add: [], remove: [] };

/** Registers `plugin` and a profile in which it is the only plugin, so nothing else decides. */
function registerCounting(container: DependencyContainer, plugin: FilterPlugin): void {
  register(container, SCHEDULER_PLUGINS, {
    useValue: { name: plugin.name, factory: () => plugin },
  });
  register(container, SCHEDULER_PROFILE, {
    useValue: {
      schedulerName: 'counting',
      plugins: { filter: { enabled: [{ name: plugin.name }] } },
    },
  });
}

/**
 * A case per token in core's `tokens.ts`. Run each against a flavour (register core, the flavour
 * and an actuator, then the case's override, then {@link runFailoverManager}) to show that a part
 * registered after the flavour is the one that runs. List tokens are overridden by adding an
 * entry, as a user would.
 * @public
 */
export const CORE_TOKEN_OVERRIDES: readonly TokenOverrideCase[] = [
  {
    token: 'ACTUATOR',
    shows: 'the replacement applies the bindings',
    override(container) {
      const applied: string[] = [];
      const actuator: Actuator = {
        apply: async (binding) => void applied.push(binding.metadata.name),
        remove: async () => undefined,
      };
      register(container, ACTUATOR, { useValue: actuator });
      return () => ({ actual: applied.includes('web'), expected: true });
    },
  },
  {
    token: 'CAPACITY_ESTIMATORS',
    shows: 'an estimator added after the flavour is asked',
    override(container) {
      let asked = 0;
      register(container, CAPACITY_ESTIMATORS, {
        useValue: {
          name: 'Override',
          maxAvailableReplicas: async (_binding, clusters) => {
            asked++;
            return new Map(clusters.map((c) => [c.metadata.name, 100]));
          },
        },
      });
      return () => ({ actual: asked > 0, expected: true });
    },
  },
  {
    token: 'CLOCK',
    shows: "the replacement clock's time is on what the controllers write",
    override(container) {
      const clock = new VirtualClock(5_000_000);
      register(container, CLOCK, { useValue: clock });
      return async () => {
        const cluster = await resolve(container, STATE_STORE).get('Cluster', 'member1');
        const ready = cluster?.status?.conditions?.find((c) => c.type === 'Ready');
        return {
          actual: (ready?.lastTransitionTime ?? 0) >= 5_000_000,
          expected: true,
        };
      };
    },
  },
  {
    token: 'EVENT_RECORDER',
    shows: 'the replacement receives the events',
    override(container) {
      const recorder = new MemoryEventRecorder();
      register(container, EVENT_RECORDER, { useValue: recorder });
      return () => ({ actual: recorder.events.length > 0, expected: true });
    },
  },
  {
    token: 'EVENT_RECORDER_DECORATORS',
    shows: 'a decorator added after the flavour sees every event',
    override(container) {
      let seen = 0;
      register(container, EVENT_RECORDER_DECORATORS, {
        useValue: (inner) => ({
          record: (event) => {
            seen++;
            inner.record(event);
          },
        }),
      });
      return () => ({ actual: seen > 0, expected: true });
    },
  },
  {
    token: 'EVICTION_POLICY',
    shows: 'the replacement decides for the binding on member1',
    override(container) {
      const decided: string[] = [];
      register(container, EVICTION_POLICY, {
        useValue: {
          decide: (binding, cluster) => {
            decided.push(`${binding.metadata.name}@${cluster.metadata.name}`);
            return {};
          },
          review: () => ({ done: false }),
        },
      });
      return () => ({ actual: decided.includes('web@member1'), expected: true });
    },
  },
  {
    token: 'EVICTION_GUARD',
    shows: 'the replacement assesses the fleet once its clusters are in',
    override(container) {
      const assessed = new Set<string>();
      register(container, EVICTION_GUARD, {
        useValue: {
          assess: (clusters) => {
            for (const c of clusters) assessed.add(c.metadata.name);
            return [];
          },
          holdReason: () => undefined,
        },
      });
      return () => ({ actual: [...assessed].sort(), expected: ['member1', 'member2'] });
    },
  },
  {
    token: 'FAILBACK_POLICY',
    shows: 'the replacement is asked about a binding waiting to fail back',
    override(container) {
      const asked: string[] = [];
      register(container, FAILBACK_POLICY, {
        useValue: {
          stabilizationWindowMs: (binding) => {
            asked.push(binding.metadata.name);
            return undefined;
          },
          returnsFrom: () => true,
        },
      });
      // A binding evicted from member2 earlier, waiting to come back.
      const away = makeBinding('away', {
        replicas: 1,
        clusters: [{ name: 'member1', replicas: 1 }],
      });
      const created = resolve(container, STATE_STORE).create('Binding', {
        ...away,
        status: {
          failback: {
            clusters: [{ name: 'member2', replicas: 1 }],
            evictedClusters: ['member2'],
            since: 0,
          },
        },
      });
      return async () => {
        await created;
        return { actual: asked.includes('away'), expected: true };
      };
    },
  },
  {
    token: 'FAILOVER_MANAGER_OPTIONS',
    shows: 'with two cluster workers both clusters are checked at once',
    override(container) {
      register(container, FAILOVER_MANAGER_OPTIONS, { useValue: { concurrentClusterSyncs: 2 } });
      let checking = 0;
      let most = 0;
      register(container, HEALTH_DETECTOR, {
        useFactory: (c) => ({
          check: async () => {
            most = Math.max(most, ++checking);
            const clock = resolve(c, CLOCK);
            // Still checking when the other worker takes the next cluster.
            await clock.sleep(1_000);
            checking--;
            return {
              ready: {
                type: 'Ready',
                status: 'True',
                reason: 'Checked',
                message: '',
                lastTransitionTime: clock.now(),
              },
              recheckAfterMs: 10_000,
            };
          },
        }),
      });
      return () => ({ actual: most, expected: 2 });
    },
  },
  {
    token: 'FAILOVER_OBSERVERS',
    shows: 'an observer added after the flavour sees the scheduling attempt',
    override(container) {
      const attempts: string[] = [];
      register(container, FAILOVER_OBSERVERS, {
        useValue: { scheduleAttempt: (attempt) => void attempts.push(attempt.binding) },
      });
      return () => ({ actual: attempts.includes('default/web'), expected: true });
    },
  },
  {
    token: 'HEALTH_DETECTOR',
    shows: "the replacement's Ready condition is written",
    override(container) {
      register(container, HEALTH_DETECTOR, {
        useFactory: (c) => ({
          check: async () => ({
            ready: {
              type: 'Ready',
              status: 'False',
              reason: 'OverrideDetector',
              message: '',
              lastTransitionTime: resolve(c, CLOCK).now(),
            },
            recheckAfterMs: 10_000,
          }),
        }),
      });
      return async () => {
        const cluster = await resolve(container, STATE_STORE).get('Cluster', 'member2');
        const ready = cluster?.status?.conditions?.find((c) => c.type === 'Ready');
        return { actual: ready?.reason, expected: 'OverrideDetector' };
      };
    },
  },
  {
    token: 'LOGGER',
    shows: 'a failed reconcile is logged to the replacement',
    override(container) {
      const lines: string[] = [];
      register(container, LOGGER, {
        useValue: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }),
      });
      register(container, ACTUATOR, {
        useValue: {
          apply: async () => Promise.reject(new Error('member unreachable')),
          remove: async () => undefined,
        },
      });
      return () => ({
        actual: lines.some((l) => l.includes('reconcile failed')),
        expected: true,
      });
    },
  },
  {
    token: 'METRICS_REGISTRY',
    shows: "the flavour's metrics are on the replacement registry",
    override(container) {
      const registry = new Registry();
      register(container, METRICS_REGISTRY, { useValue: registry });
      return async () => ({
        actual: (await registry.getMetricsAsJSON()).length > 0,
        expected: true,
      });
    },
  },
  {
    token: 'SCHEDULER_PLUGINS',
    shows: "a plugin added after the flavour runs once the flavour's profile enables it",
    override(container) {
      const calls: string[] = [];
      const plugin = recordingFilter('OverrideFilter', calls);
      register(container, SCHEDULER_PLUGINS, {
        useValue: { name: plugin.name, factory: () => plugin },
      });
      const profile = resolve(container, SCHEDULER_PROFILE);
      register(container, SCHEDULER_PROFILE, {
        useValue: mergeProfiles(profile, {
          plugins: { filter: { enabled: [{ name: plugin.name }] } },
        }),
      });
      return () => ({ actual: calls.length > 0, expected: true });
    },
  },
  {
    token: 'SCHEDULER_PROFILE',
    shows: 'the replacement decides which plugins run',
    override(container) {
      const calls: string[] = [];
      const plugin = recordingFilter('ProfileFilter', calls);
      register(container, SCHEDULER_PLUGINS, {
        useValue: { name: plugin.name, factory: () => plugin },
      });
      const flavour = resolve(container, SCHEDULER_PROFILE);
      register(container, SCHEDULER_PROFILE, {
        useValue: {
          ...flavour,
          plugins: {
            ...flavour.plugins,
            filter: { disabled: ['*'], enabled: [{ name: plugin.name }] },
          },
        },
      });
      return () => ({
        actual: [...new Set(calls)].sort(),
        expected: ['member1', 'member2'],
      });
    },
  },
  {
    token: 'SCHEDULING_STRATEGIES',
    shows: 'a strategy added after the flavour divides the replicas',
    override(container) {
      register(container, SCHEDULING_STRATEGIES, {
        useValue: {
          name: 'AllOnMember2',
          appliesTo: () => true,
          assign: (binding) => ({
            clusters: [{ name: 'member2', replicas: binding.spec.replicas }],
          }),
        },
      });
      return async () => {
        const web = await resolve(container, STATE_STORE).get('Binding', 'default/web');
        return { actual: web?.spec.clusters, expected: [{ name: 'member2', replicas: 2 }] };
      };
    },
  },
  {
    token: 'STATE_STORE',
    shows: 'the controllers read and write the replacement store',
    override(container) {
      const store = new InMemoryStateStore();
      register(container, STATE_STORE, { useValue: store });
      return async () => ({
        actual: (await store.get('Cluster', 'member1'))?.status?.conditions?.length ?? 0,
        expected: 1,
      });
    },
  },
  {
    token: 'TAINTER',
    shows: "the replacement's taint is put on the clusters",
    override(container) {
      register(container, TAINTER, {
        useValue: {
          reconcile: (cluster) =>
            cluster.spec.taints?.some((t) => t.key === 'override.lifeboat.dev/mine')
              ? NO_CHANGE
              : {
                  add: [{ key: 'override.lifeboat.dev/mine', effect: 'PreferNoSchedule' }],
                  remove: [],
                },
        },
      });
      return async () => {
        const cluster = await resolve(container, STATE_STORE).get('Cluster', 'member1');
        return {
          actual: cluster?.spec.taints?.map((t) => t.key).includes('override.lifeboat.dev/mine'),
          expected: true,
        };
      };
    },
  },
  {
    token: 'SCHEDULER_FRAMEWORK',
    shows: "the replacement framework's plugins run",
    override(container) {
      const calls: string[] = [];
      const plugin = recordingFilter('FrameworkFilter', calls);
      register(container, SCHEDULER_FRAMEWORK, {
        useFactory: (c) =>
          new SchedulerFramework(
            [{ name: plugin.name, factory: () => plugin }],
            {
              schedulerName: 'override',
              plugins: { filter: { enabled: [{ name: plugin.name }] } },
            },
            { now: () => resolve(c, CLOCK).now() },
          ),
      });
      return () => ({ actual: calls.length > 0, expected: true });
    },
  },
  {
    token: 'SCHEDULER',
    shows: "the replacement's placement is written",
    override(container) {
      register(container, SCHEDULER, {
        useValue: {
          schedule: async () => ({
            ok: true,
            clusters: [{ name: 'member2', replicas: 2 }],
            scored: [],
            strategy: 'Override',
          }),
        },
      });
      return async () => {
        const web = await resolve(container, STATE_STORE).get('Binding', 'default/web');
        return { actual: web?.spec.clusters, expected: [{ name: 'member2', replicas: 2 }] };
      };
    },
  },
  {
    token: 'SCHEDULER_OPTIONS',
    shows: 'with the equivalence cache off, equal bindings are each filtered',
    override(container) {
      const calls: string[] = [];
      const plugin: FilterPlugin = {
        ...recordingFilter('SharedFilter', calls),
        // Every binding alike: with the cache on, the second binding reuses the first's verdicts.
        equivalenceKey: () => 'alike',
      };
      registerCounting(container, plugin);
      register(container, SCHEDULER_OPTIONS, { useValue: { equivalenceCache: false } });
      return async () => {
        const scheduler = resolve(container, SCHEDULER);
        const { clusters } = OVERRIDE_FLEET;
        calls.length = 0;
        await scheduler.schedule(makeBinding('one'), clusters, 0);
        await scheduler.schedule(makeBinding('two'), clusters, 0);
        return { actual: calls.length, expected: 2 * clusters.length };
      };
    },
  },
  {
    token: 'WORKLOAD_GROUPS',
    shows: 'the failover manager feeds the replacement index its bindings',
    override(container) {
      const seen: string[] = [];
      class Recording extends WorkloadGroups {
        override follow(informer: Informer<'Binding'>): void {
          informer.addHandler({ onAdd: (b) => seen.push(b.metadata.name) });
          super.follow(informer);
        }
      }
      register(container, WORKLOAD_GROUPS, { useValue: new Recording() });
      return () => ({ actual: seen, expected: ['web'] });
    },
  },
];
