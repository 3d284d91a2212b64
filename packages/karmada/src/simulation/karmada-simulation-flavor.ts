import {
  objectKey,
  register,
  retryOnConflict,
  sameResources,
  type Cluster,
  type Lease,
  type TimerHandle,
} from '@lifeboat/core';
import { failoverSchema } from '../api/failover-schema';
import { parseFailover, parsePlacement } from '../api/parse-policy';
import { placementSchema } from '../api/placement-schema';
import { CLUSTER_LEASE_NAMESPACE } from '../health/cluster-watchdog';
import type { ClusterProber, ProbeResult } from '../health/cluster-prober';
import { parseKarmadaOptions, type KarmadaOptions, type KarmadaOptionsInput } from '../options';
import { registerKarmada } from '../register';
import { TAINT_CLUSTER_UNSCHEDULABLE } from '../taints/taint-keys';
import { CLUSTER_PROBER } from '../tokens';
import {
  withScenarioPaths,
  type AgentContext,
  type ConfiguredFlavor,
  type FleetSignals,
  type MemberAgent,
  type MemberSignals,
  type SimulationFlavor,
} from '@lifeboat/simulator';
import type { DependencyContainer } from 'tsyringe';

/** The Karmada controller's `/readyz` probe, answered by the virtual fleet instead of HTTP. */
class FleetClusterProber implements ClusterProber {
  constructor(private readonly fleet: FleetSignals) {}

  async probe(cluster: Cluster): Promise<ProbeResult> {
    const health = this.fleet.member(cluster.metadata.name)?.apiHealth() ?? 'down';
    if (health === 'down')
      return { online: false, healthy: false, detail: 'no answer from the member API server' };
    if (health === 'degraded')
      return { online: true, healthy: false, detail: '/readyz answered 503' };
    return { online: true, healthy: true };
  }
}

/**
 * A Pull-mode member's karmada-agent: renews its lease (`karmada-cluster/<name>`) every lease
 * duration × renew fraction and posts status (`readyz`, `lastHeartbeatTime`) every
 * `clusterStatusUpdateFrequency`. Push-mode members run no agent: the controller probes them.
 */
class KarmadaMemberAgent implements MemberAgent {
  private timers: TimerHandle[] = [];

  constructor(
    private readonly member: MemberSignals,
    private readonly context: AgentContext,
    private readonly options: KarmadaOptions,
  ) {}

  async start(): Promise<void> {
    if (this.timers.length > 0) return;
    const cluster = await this.context.store.get('Cluster', this.member.name);
    const statusMs = this.options.clusterStatusUpdateFrequency;
    const phase = this.context.random();
    if (cluster?.spec.syncMode !== 'Pull') {
      // Push: no agent; the control plane's status controller reads the member's resource summary.
      this.loop(() => this.collectResources(), statusMs, phase * statusMs);
      await this.collectResources();
      return;
    }
    const renewMs =
      this.options.clusterLeaseDuration * this.options.clusterLeaseRenewIntervalFraction;
    // Real agents do not start in step: the seed decides each one's phase.
    this.loop(() => this.renewLease(), renewMs, phase * renewMs);
    this.loop(() => this.postStatus(), statusMs, phase * statusMs);
    await this.renewLease();
    await this.postStatus();
  }

  stop(): void {
    for (const timer of this.timers) this.context.clock.clearTimeout(timer);
    this.timers = [];
  }

  private loop(work: () => Promise<void>, periodMs: number, firstMs: number): void {
    const slot = this.timers.length;
    const tick = (delay: number) => {
      this.timers[slot] = this.context.clock.setTimeout(() => {
        tick(periodMs);
        void work();
      }, delay);
    };
    tick(firstMs);
  }

  private async collectResources(): Promise<void> {
    const capacity = this.member.capacity();
    if (this.member.apiHealth() === 'down' || Object.keys(capacity).length === 0) return;
    const { store } = this.context;
    await retryOnConflict(async () => {
      const cluster = await store.get('Cluster', this.member.name);
      if (!cluster) return;
      const allocated = this.member.allocated();
      if (sameResources(cluster.status?.allocated ?? {}, allocated)) return;
      await store.update('Cluster', {
        ...cluster,
        status: { ...cluster.status, capacity, allocatable: capacity, allocated },
      });
    });
  }

  private async renewLease(): Promise<void> {
    const { store, clock } = this.context;
    const key = objectKey({ namespace: CLUSTER_LEASE_NAMESPACE, name: this.member.name });
    await retryOnConflict(async () => {
      const lease = await store.get('Lease', key);
      const spec: Lease['spec'] = {
        holderIdentity: this.member.name,
        leaseDurationSeconds: this.options.clusterLeaseDuration / 1000,
        renewTime: clock.now(),
      };
      if (lease) await store.update('Lease', { ...lease, spec: { ...lease.spec, ...spec } });
      else
        await store.create('Lease', {
          kind: 'Lease',
          metadata: { namespace: CLUSTER_LEASE_NAMESPACE, name: this.member.name },
          spec: { ...spec, acquireTime: clock.now() },
        });
    });
  }

  private async postStatus(): Promise<void> {
    const { store, clock } = this.context;
    const readyz = this.member.apiHealth() === 'ok';
    await retryOnConflict(async () => {
      const cluster = await store.get('Cluster', this.member.name);
      if (!cluster) return;
      const capacity = this.member.capacity();
      const resources =
        Object.keys(capacity).length > 0
          ? { capacity, allocatable: capacity, allocated: this.member.allocated() }
          : {};
      await store.update('Cluster', {
        ...cluster,
        status: {
          ...cluster.status,
          ...resources,
          readyz,
          healthz: readyz,
          lastHeartbeatTime: clock.now(),
        },
      });
    });
  }
}

class ConfiguredKarmada implements ConfiguredFlavor {
  constructor(
    private readonly input: KarmadaOptionsInput,
    private readonly options: KarmadaOptions,
  ) {}

  register(container: DependencyContainer): void {
    registerKarmada(container, this.input);
  }

  connectFleet(container: DependencyContainer, fleet: FleetSignals): void {
    register(container, CLUSTER_PROBER, { useValue: new FleetClusterProber(fleet) });
  }

  createAgent(member: MemberSignals, context: AgentContext): MemberAgent {
    return new KarmadaMemberAgent(member, context, this.options);
  }
}

/**
 * Karmada for the simulator: workloads carry PropagationPolicy `placement` and `failover`;
 * settings are `karmada-controller-manager` flags in camelCase; clusters are Push (probed
 * through `/readyz`, which the fleet answers) unless they say `syncMode: Pull` (a karmada-agent
 * renews a lease and posts status).
 * @public
 */
export const karmadaSimulationFlavor: SimulationFlavor = {
  name: 'karmada',
  defaultCordonKey: TAINT_CLUSTER_UNSCHEDULABLE,
  workloadFields: ['placement', 'failover'],
  workloadSchemas: { placement: placementSchema, failover: failoverSchema },
  workloadFieldsHint: 'karmada workloads use "placement" and "failover" (PropagationPolicy spec)',
  defaultSyncMode: 'Push',
  parseWorkload(fields, path) {
    return {
      placement: parsePlacement(fields.placement ?? {}, `${path}.placement`),
      ...(fields.failover === undefined
        ? {}
        : { failover: parseFailover(fields.failover, `${path}.failover`) }),
    };
  },
  configure({ settings, featureGates }) {
    const input = { ...settings, featureGates } as KarmadaOptionsInput;
    const options = withScenarioPaths(
      () => parseKarmadaOptions(input),
      { featureGates: 'spec.featureGates' },
      'spec.settings',
    );
    return new ConfiguredKarmada(input, options);
  },
};
