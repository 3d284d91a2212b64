import { ACTUATOR, register, type Clock, type StateStore } from '@lifeboat/core';
import {
  ClusternetAgent,
  parseClusternetOptions,
  type ClusternetOptionsInput,
} from '@lifeboat/clusternet';
import {
  CLUSTER_PROBER,
  parseKarmadaOptions,
  type ClusterProber,
  type KarmadaOptionsInput,
} from '@lifeboat/karmada';
import {
  CapacityRefresher,
  KubernetesActuator,
  MemberClient,
  MemberProber,
  loadMembers,
  registerMembers,
  type MemberCluster,
} from '@lifeboat/kubernetes';
import type { Logger } from 'pino';
import type { DependencyContainer } from 'tsyringe';
import type { ControllerConfig, ControllerFlavor } from './controller-config';

/** What runs against the members during one term of leadership. */
export interface MemberTerm {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Real member clusters for `lifeboat controller --members FILE`: one connection per member
 * (its kubeconfig context), and per term of leadership the parts that use them, registered into
 * the term's container as a user would: the member probe as Karmada's `CLUSTER_PROBER` (or, for
 * Clusternet, one heartbeat agent per member that observes it over the same connection), the
 * capacity refresh into each Cluster's status, and the server-side-apply actuator as `ACTUATOR`.
 * Only the leader touches the members; a standby holds the connections and nothing else.
 */
export class MemberFleet {
  private constructor(
    readonly members: readonly MemberCluster[],
    private readonly clients: readonly MemberClient[],
    private readonly flavor: ControllerFlavor,
    private readonly config: ControllerConfig,
    private readonly clock: Clock,
  ) {}

  /** Reads and checks the members file or directory (a `ValidationError` naming `--members`). */
  static async load(
    path: string,
    flavor: ControllerFlavor,
    config: ControllerConfig,
    clock: Clock,
  ): Promise<MemberFleet> {
    const members = await loadMembers(path, '--members');
    const clients = members.map(
      (m) => new MemberClient(m, clock, { timeoutMs: config.probeTimeoutMs }),
    );
    return new MemberFleet(members, clients, flavor, config, clock);
  }

  /** Registers the term's member parts into `child`; the returned term starts and stops them. */
  register(child: DependencyContainer, store: StateStore, logger: Logger): MemberTerm {
    const prober = new MemberProber(new Map(this.clients.map((c) => [c.name, c])), {
      timeoutMs: this.config.probeTimeoutMs,
    });
    const periodMs = this.periodMs();
    const actuator = new KubernetesActuator({
      store,
      clock: this.clock,
      members: this.clients,
      resyncPeriodMs: periodMs,
      logger,
    });
    register(child, ACTUATOR, { useValue: actuator });
    // The member probe is Karmada's prober: the detector, thresholds and grace stay Karmada's.
    const karmadaProber: ClusterProber = prober;
    if (this.flavor === 'karmada') register(child, CLUSTER_PROBER, { useValue: karmadaProber });
    const capacity = new CapacityRefresher(store, this.clients, this.clock, {
      periodMs,
      onError: (member, message) =>
        logger.debug({ cluster: member, detail: message }, 'member capacity unknown'),
    });
    const agents = this.flavor === 'clusternet' ? this.clusternetAgents(store, prober, logger) : [];
    return {
      start: async () => {
        await registerMembers(store, this.members);
        logger.info({ members: this.members.map((m) => m.name) }, 'member clusters registered');
        await capacity.start();
        for (const agent of agents) await agent.start();
        actuator.start();
      },
      stop: async () => {
        for (const agent of agents) agent.stop();
        await capacity.stop();
        await actuator.stop();
      },
    };
  }

  /**
   * How often capacity is read and placements are read back: the flavour's status period
   * (Karmada's `clusterStatusUpdateFrequency`, Clusternet's `clusterStatusCollectFrequency`),
   * already in ms as the flavours' options hold every duration.
   */
  private periodMs(): number {
    if (this.flavor === 'karmada')
      return parseKarmadaOptions(this.config.flavorInput as KarmadaOptionsInput)
        .clusterStatusUpdateFrequency;
    const options = parseClusternetOptions(this.config.flavorInput as ClusternetOptionsInput);
    return options.settings.clusterStatusCollectFrequency;
  }

  /** Clusternet's heartbeat, posted by the controller for each member it can observe. */
  private clusternetAgents(
    store: StateStore,
    prober: MemberProber,
    logger: Logger,
  ): ClusternetAgent[] {
    const { settings } = parseClusternetOptions(this.config.flavorInput as ClusternetOptionsInput);
    return this.members.map(
      (m) =>
        new ClusternetAgent(m.name, store, this.clock, () => prober.observe(m.name), {
          collectFrequencyMs: settings.clusterStatusCollectFrequency,
          updateFrequencyMs: settings.clusterStatusUpdateFrequency,
          onError: (error) =>
            logger.debug(
              { cluster: m.name, err: error },
              'member not observed; no heartbeat posted',
            ),
        }),
    );
  }
}
