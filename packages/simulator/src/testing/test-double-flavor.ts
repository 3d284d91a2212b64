import {
  CLOCK,
  CLUSTER_EVICTION,
  EVICTION_POLICY,
  HEALTH_DETECTOR,
  SCHEDULER_PLUGINS,
  SCHEDULER_PROFILE,
  SCHEDULING_STRATEGIES,
  Status,
  TAINTER,
  ConflictError,
  ValidationError,
  clusterEvictionRegistration,
  findUntoleratedTaint,
  isPlacementHealthy,
  parseWith,
  register,
  registerAll,
  resolve,
  zodIssues,
  type Binding,
  type Cluster,
  type EvictionPolicy,
  type FilterPlugin,
  type HealthDetector,
  type SchedulingStrategy,
  type Tainter,
  type TimerHandle,
  type FieldIssue,
} from '@lifeboat/core';
import { untoleratedTaintFilter } from '@lifeboat/core/testing';
import type { DependencyContainer } from 'tsyringe';
import { z } from 'zod';
import type {
  AgentContext,
  ConfiguredFlavor,
  FlavorInput,
  MemberAgent,
  MemberSignals,
  SimulationFlavor,
} from '../flavor/simulation-flavor';

/** The taint the test double puts on a cluster that is not Ready. @public */
export const TEST_DOUBLE_DOWN_TAINT = 'test.lifeboat.dev/down';

const settingsSchema = z.strictObject({
  heartbeatSeconds: z.number().positive().default(10),
  graceSeconds: z.number().positive().default(30),
  purgeMode: z.enum(['Directly', 'Gracefully']).default('Directly'),
});

const placementSchema = z.strictObject({
  clusterNames: z.array(z.string()).optional(),
  division: z.enum(['Duplicated', 'Even']).default('Even'),
});

type Settings = z.output<typeof settingsSchema>;

const taintFilter = untoleratedTaintFilter('TestDoubleTaints');

const namesFilter: FilterPlugin = {
  name: 'TestDoubleNames',
  filter: (_state, binding, cluster) => {
    const names = binding.spec.placement.clusterAffinity?.[0]?.clusterNames;
    return !names || names.includes(cluster.metadata.name)
      ? Status.success
      : Status.unschedulable('not in clusterNames');
  },
};

// Keeps what the surviving clusters hold and spreads the missing replicas round-robin.
const evenSpread: SchedulingStrategy = {
  name: 'TestDoubleEven',
  appliesTo: (binding: Binding) => binding.spec.placement.replicaScheduling.type === 'Divided',
  assign: (binding, candidates) => {
    const names = candidates.map((c) => c.cluster.metadata.name).sort();
    if (names.length === 0) return { clusters: [] };
    const counts = new Map(
      names.map((n) => [n, binding.spec.clusters?.find((t) => t.name === n)?.replicas ?? 0]),
    );
    let total = [...counts.values()].reduce((a, b) => a + b, 0);
    for (let i = 0; total > binding.spec.replicas; i++) {
      const name = names[names.length - 1 - (i % names.length)] as string;
      if ((counts.get(name) ?? 0) > 0) {
        counts.set(name, (counts.get(name) ?? 0) - 1);
        total--;
      }
    }
    for (let i = 0; total < binding.spec.replicas; i++, total++) {
      const name = names[i % names.length] as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return {
      clusters: [...counts]
        .filter(([, r]) => r > 0)
        .map(([name, replicas]) => ({ name, replicas })),
    };
  },
};

const duplicated: SchedulingStrategy = {
  name: 'TestDoubleDuplicated',
  appliesTo: (binding: Binding) => binding.spec.placement.replicaScheduling.type === 'Duplicated',
  assign: (binding, candidates) => ({
    clusters: candidates.map((c) => ({
      name: c.cluster.metadata.name,
      replicas: binding.spec.replicas,
    })),
  }),
};

class TestDoubleConfigured implements ConfiguredFlavor {
  constructor(private readonly settings: Settings) {}

  register(container: DependencyContainer): void {
    const { graceSeconds, heartbeatSeconds, purgeMode } = this.settings;
    register(container, HEALTH_DETECTOR, {
      useFactory: (c) => heartbeatDetector(c, graceSeconds, heartbeatSeconds),
    });
    const tainter: Tainter = {
      reconcile: (cluster) => {
        const ready = cluster.status?.conditions?.find((c) => c.type === 'Ready')?.status;
        const taint = { key: TEST_DOUBLE_DOWN_TAINT, effect: 'NoExecute' as const };
        return ready === 'True' || ready === undefined
          ? { add: [], remove: [taint] }
          : { add: [taint], remove: [] };
      },
    };
    register(container, TAINTER, { useValue: tainter });
    const policy: EvictionPolicy = {
      decide: (binding, cluster) => {
        const taint = findUntoleratedTaint(
          cluster.spec.taints ?? [],
          binding.spec.placement.clusterTolerations ?? [],
          (t) => t.effect === 'NoExecute',
        );
        return taint
          ? { evict: { purgeMode, reason: 'TaintUntolerated', producer: 'TestDouble' } }
          : {};
      },
      review: (binding) =>
        isPlacementHealthy(binding)
          ? { done: true, reason: 'NewPlacementHealthy' }
          : { done: false },
    };
    register(container, EVICTION_POLICY, { useValue: policy });
    registerAll(container, SCHEDULER_PLUGINS, [
      { useValue: clusterEvictionRegistration },
      { useValue: taintFilter },
      { useValue: { name: namesFilter.name, factory: () => namesFilter } },
    ]);
    register(container, SCHEDULER_PROFILE, {
      useValue: {
        schedulerName: 'test-double',
        plugins: {
          filter: {
            enabled: [
              { name: CLUSTER_EVICTION },
              { name: taintFilter.name },
              { name: namesFilter.name },
            ],
          },
        },
      },
    });
    registerAll(container, SCHEDULING_STRATEGIES, [
      { useValue: evenSpread },
      { useValue: duplicated },
    ]);
  }

  connectFleet(): void {
    // Heartbeats come from the agents; nothing reads the fleet directly.
  }

  createAgent(member: MemberSignals, context: AgentContext): MemberAgent {
    return new HeartbeatAgent(member, context, this.settings.heartbeatSeconds * 1000);
  }
}

function heartbeatDetector(
  container: DependencyContainer,
  graceSeconds: number,
  heartbeatSeconds: number,
): HealthDetector {
  const clock = resolve(container, CLOCK);
  return {
    async check(cluster: Cluster) {
      const fresh =
        clock.now() - (cluster.status?.lastHeartbeatTime ?? -Infinity) <= graceSeconds * 1000;
      const status = fresh ? 'True' : 'False';
      const current = cluster.status?.conditions?.find((c) => c.type === 'Ready');
      return {
        ready:
          current?.status === status
            ? current
            : {
                type: 'Ready',
                status,
                reason: fresh ? 'Heartbeat' : 'NoHeartbeat',
                message: '',
                lastTransitionTime: clock.now(),
              },
        recheckAfterMs: heartbeatSeconds * 1000,
      };
    },
  };
}

/** Writes `lastHeartbeatTime` every period while the member's API is not down. */
class HeartbeatAgent implements MemberAgent {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly member: MemberSignals,
    private readonly context: AgentContext,
    private readonly periodMs: number,
  ) {}

  async start(): Promise<void> {
    if (this.timer) return;
    await this.beat();
  }

  stop(): void {
    if (this.timer) this.context.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    this.timer = this.context.clock.setTimeout(() => void this.beat(), this.periodMs);
    if (this.member.apiHealth() !== 'ok') return;
    for (let attempt = 0; attempt < 5; attempt++) {
      const cluster = await this.context.store.get('Cluster', this.member.name);
      if (!cluster) return;
      try {
        await this.context.store.update('Cluster', {
          ...cluster,
          status: { ...cluster.status, lastHeartbeatTime: this.context.clock.now() },
        });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
}

/**
 * TEST DOUBLE of a flavour, built from core parts only, so the simulator's tests do not depend
 * on the Karmada or Clusternet packages. Agents heartbeat every `heartbeatSeconds`; a cluster
 * silent for `graceSeconds` turns Ready=False and gets the `test.lifeboat.dev/down:NoExecute`
 * taint; bindings on it are evicted with `purgeMode` and re-placed evenly on `clusterNames`.
 * Workloads take `placement: {clusterNames, division: Even|Duplicated}`.
 * @public
 */
export const testDoubleFlavor: SimulationFlavor = {
  name: 'test-double',
  defaultCordonKey: 'test.lifeboat.dev/cordon',
  workloadFields: ['placement'],
  workloadFieldsHint: 'the test double reads "placement" only',
  parseWorkload(fields, path) {
    const placement = parseWith(placementSchema, fields.placement ?? {}, `${path}.placement`);
    return {
      placement: {
        ...(placement.clusterNames
          ? { clusterAffinity: [{ clusterNames: placement.clusterNames }] }
          : {}),
        replicaScheduling:
          placement.division === 'Duplicated'
            ? { type: 'Duplicated' }
            : { type: 'Divided', division: 'DynamicWeight', dynamicWeight: 'AvailableReplicas' },
      },
    };
  },
  configure(input: FlavorInput): ConfiguredFlavor {
    const issues: FieldIssue[] = [];
    const settings = settingsSchema.safeParse(input.settings);
    if (!settings.success) issues.push(...zodIssues(settings.error, 'spec.settings'));
    for (const gate of Object.keys(input.featureGates))
      issues.push({ path: `spec.featureGates.${gate}`, message: `unknown feature gate "${gate}"` });
    if (!settings.success || issues.length > 0) throw new ValidationError(issues);
    return new TestDoubleConfigured(settings.data);
  },
};
