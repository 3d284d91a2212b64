import type { DependencyContainer } from 'tsyringe';
import { register, type Cluster } from '@lifeboat/core';
import { parseSubscription } from '../api/parse-subscription';
import { subscriptionSpecSchema } from '../api/subscription-schema';
import { ClusternetAgent } from '../health/clusternet-agent';
import type { AgentObservation } from '../health/agent-status';
import { MAINTENANCE_TAINT_KEY } from '../taints/taint-keys';
import {
  CLUSTERNET_LIFEBOAT_SETTINGS,
  parseClusternetOptions,
  type ClusternetOptions,
  type ClusternetOptionsInput,
} from '../options';
import { computeAcceptableReplicas } from '../predictor/compute-replicas';
import type { ReplicaRequirements } from '../predictor/protocol';
import { registerClusternet } from '../register';
import type { PredictorTransport } from '../scheduling/plugins/predictor/predictor-transport';
import { PREDICTOR_TRANSPORT } from '../tokens';
import {
  withScenarioPaths,
  type AgentContext,
  type ConfiguredFlavor,
  type FleetSignals,
  type MemberAgent,
  type MemberSignals,
  type SimulationFlavor,
} from '@lifeboat/simulator';

/**
 * Each member's built-in predictor, answered from the fleet: one virtual node holding the
 * member's capacity and what runs there. A dark member does not answer.
 */
class FleetPredictorTransport implements PredictorTransport {
  constructor(private readonly fleet: FleetSignals) {}

  async predict(cluster: Cluster, requirements: ReplicaRequirements): Promise<number | undefined> {
    const member = this.fleet.member(cluster.metadata.name);
    if (!member || member.apiHealth() === 'down')
      throw new Error(`predictor of ${cluster.metadata.name} did not answer`);
    const capacity = member.capacity();
    if (Object.keys(capacity).length === 0) return undefined;
    const allocated = member.allocated();
    const { pods, ...requested } = allocated;
    return computeAcceptableReplicas(
      [
        {
          name: `${member.name}-node`,
          allocatable: capacity,
          requested,
          podCount: Number(pods?.value() ?? 0),
        },
      ],
      requirements,
    );
  }
}

/** The clusternet-agent of one member: status (the heartbeat) every `clusterStatusUpdateFrequency`. */
class ClusternetMemberAgent implements MemberAgent {
  private agent: ClusternetAgent | undefined;

  constructor(
    private readonly member: MemberSignals,
    private readonly context: AgentContext,
    private readonly options: ClusternetOptions,
  ) {}

  async start(): Promise<void> {
    if (this.agent) return;
    const { store, clock } = this.context;
    const agent = new ClusternetAgent(this.member.name, store, clock, () => this.observe(), {
      collectFrequencyMs: this.options.settings.clusterStatusCollectFrequency,
      updateFrequencyMs: this.options.settings.clusterStatusUpdateFrequency,
    });
    this.agent = agent;
    await agent.start();
    // Real agents do not report in step: the seed shifts each one's report phase.
    const phase = Math.floor(
      this.context.random() * this.options.settings.clusterStatusUpdateFrequency,
    );
    if (phase > 0) {
      agent.stop();
      clock.setTimeout(() => {
        if (this.agent === agent) void agent.start();
      }, phase);
    }
  }

  stop(): void {
    this.agent?.stop();
    this.agent = undefined;
  }

  private observe(): AgentObservation {
    const health = this.member.apiHealth();
    const capacity = this.member.capacity();
    return {
      healthz: health === 'ok',
      livez: health !== 'down',
      readyz: health === 'ok',
      nodes: [
        {
          name: `${this.member.name}-node`,
          ready: 'True' as const,
          capacity,
          allocatable: capacity,
        },
      ],
    };
  }
}

class ConfiguredClusternet implements ConfiguredFlavor {
  constructor(
    private readonly input: ClusternetOptionsInput,
    private readonly options: ClusternetOptions,
  ) {}

  register(container: DependencyContainer): void {
    registerClusternet(container, this.input);
  }

  connectFleet(container: DependencyContainer, fleet: FleetSignals): void {
    register(container, PREDICTOR_TRANSPORT, { useValue: new FleetPredictorTransport(fleet) });
  }

  createAgent(member: MemberSignals, context: AgentContext): MemberAgent {
    return new ClusternetMemberAgent(member, context, this.options);
  }
}

/**
 * Clusternet for the simulator: workloads carry a `subscription` (the Subscription spec), whose
 * `feeds` may name other workloads of the file that the same Subscription distributes (they are
 * then scheduled with it as one unit);
 * settings are clusternet flags in camelCase (`clusterStatusUpdateFrequency`, ...) plus
 * Lifeboat's opt-in failover improvements; gates are Clusternet's (`FailOver`, off by default as
 * in Clusternet). Every member runs a clusternet-agent that reports status as its heartbeat.
 * @public
 */
export const clusternetSimulationFlavor: SimulationFlavor = {
  name: 'clusternet',
  defaultCordonKey: MAINTENANCE_TAINT_KEY,
  workloadFields: ['subscription'],
  workloadSchemas: { subscription: subscriptionSpecSchema },
  workloadFieldsHint: 'clusternet workloads use "subscription" (Subscription spec)',
  defaultSyncMode: 'Pull',
  parseWorkload(fields, path) {
    const parsed = parseSubscription(fields.subscription, `${path}.subscription`);
    const feeds = (parsed.spec.feeds ?? []).map((feed, i) => ({
      kind: feed.kind,
      ...(feed.namespace === undefined ? {} : { namespace: feed.namespace }),
      name: feed.name,
      path: `${path}.subscription.feeds[${i}]`,
    }));
    return {
      placement: parsed.placement,
      annotations: parsed.annotations,
      ...(feeds.length > 0 ? { feeds } : {}),
    };
  },
  configure({ settings, featureGates }) {
    const failover: Record<string, unknown> = {};
    const flags: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(settings))
      (CLUSTERNET_LIFEBOAT_SETTINGS.has(name) ? failover : flags)[name] = value;
    const input = { featureGates, settings: flags, failover } as ClusternetOptionsInput;
    const options = withScenarioPaths(
      () => parseClusternetOptions(input),
      { featureGates: 'spec.featureGates', settings: 'spec.settings', failover: 'spec.settings' },
      'spec',
    );
    return new ConfiguredClusternet(input, options);
  },
};
