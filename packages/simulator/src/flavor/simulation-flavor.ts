import type {
  Clock,
  FailoverBehavior,
  Placement,
  ResourceList,
  StateStore,
  WorkloadAffinityGroups,
} from '@lifeboat/core';
import type { DependencyContainer } from 'tsyringe';
import type { z } from 'zod';

/**
 * What a member cluster's API server answers: `ok` (serving, `/readyz` 200), `degraded`
 * (answers, but `/readyz` is not ok) or `down` (no answer at all).
 * @public
 */
export type ApiHealth = 'ok' | 'degraded' | 'down';

/**
 * The ground truth of one virtual member cluster, as its agent and its API server would see it.
 * Read-only: only faults change it.
 * @public
 */
export interface MemberSignals {
  readonly name: string;
  /** What the member's API health endpoints answer now. */
  apiHealth(): ApiHealth;
  /** Total resources of the member's nodes (what an agent reports as capacity and allocatable). */
  capacity(): ResourceList;
  /** Resources requested by the replicas running there now. */
  allocated(): ResourceList;
}

/** The fleet as a flavour's health ports see it: one member by name. @public */
export interface FleetSignals {
  /** The member named `name`, or undefined when the fleet has none. */
  member(name: string): MemberSignals | undefined;
}

/** What the member side of a flavour runs on one virtual cluster (a heartbeat, a lease renewer). @public */
export interface MemberAgent {
  /** Starts reporting (joins, or comes back after a failure). Resolves after the first report. */
  start(): Promise<void>;
  /** Goes silent at once, as a dead agent would. */
  stop(): void;
}

/** Ports an agent may use: the control plane's store and the shared clock. @public */
export interface AgentContext {
  readonly store: StateStore;
  readonly clock: Clock;
  /** A number in [0, 1) from the scenario's seed, e.g. to offset the agent's first report. */
  random(): number;
}

/** Another workload of the same file that a workload's shape places with it (a Clusternet feed). @public */
export interface FeedReference {
  readonly kind: string;
  /** Default: the namespace of the workload that names it. */
  readonly namespace?: string;
  readonly name: string;
  /** Where the reference is written, for errors (`spec.workloads[0].subscription.feeds[1]`). */
  readonly path: string;
}

/** A workload's flavour-specific shape, parsed into core's model. @public */
export interface FlavorWorkload {
  readonly placement: Placement;
  readonly failover?: FailoverBehavior;
  /** Annotations the flavour keeps on the binding (e.g. Clusternet subgroups). */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Other workloads of the file this shape places together with this one as one unit (a
   * Subscription's `feeds`): they take this shape and join one affinity group with it.
   */
  readonly feeds?: readonly FeedReference[];
  /** Groups given directly rather than from `placement.workloadAffinity` and labels. */
  readonly workloadAffinityGroups?: WorkloadAffinityGroups;
}

/** The scenario's flavour inputs: `spec.settings` and `spec.featureGates` as written. @public */
export interface FlavorInput {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly featureGates: Readonly<Record<string, boolean>>;
}

/**
 * A flavour with its settings validated: how to compose its controllers and what its member
 * side does. Created by {@link SimulationFlavor.configure}.
 * @public
 */
export interface ConfiguredFlavor {
  /**
   * Registers the flavour into `container` exactly as a user would
   * (`registerKarmada(container, options)`), after core's `registerCore`.
   */
  register(container: DependencyContainer): void;
  /**
   * Replaces the ports through which the flavour's controllers read member-cluster signals so
   * they read the virtual fleet instead (e.g. the Karmada `/readyz` prober). Called after
   * {@link ConfiguredFlavor.register}; must register nothing else.
   */
  connectFleet(container: DependencyContainer, fleet: FleetSignals): void;
  /** The member side on one cluster: what heartbeats, renews leases or reports status. */
  createAgent(member: MemberSignals, context: AgentContext): MemberAgent;
}

/**
 * Everything the simulator needs to know about a flavour (Karmada, Clusternet, or a test
 * double): its API shapes, its settings and its member-side behaviour. The simulator depends on
 * core only; the CLI implements this on top of the flavour packages.
 * @public
 */
export interface SimulationFlavor {
  /** The value of `spec.flavor` that selects this flavour (`karmada`). */
  readonly name: string;
  /** The taint key a `cordon` event adds when it names none. */
  readonly defaultCordonKey: string;
  /** The workload fields holding this flavour's shape (`placement`, `failover`); others are errors. */
  readonly workloadFields: readonly string[];
  /**
   * The zod schema of each workload field, for the JSON Schema editors use (optional; without
   * it the field is any object there). Validation still goes through {@link SimulationFlavor.parseWorkload}.
   */
  readonly workloadSchemas?: Readonly<Record<string, z.ZodType>>;
  /** A one-line hint naming the fields to use, for errors about another flavour's fields. */
  readonly workloadFieldsHint: string;
  /** Cluster `syncMode` when the scenario gives none (Karmada: Push). */
  readonly defaultSyncMode?: 'Push' | 'Pull';
  /**
   * Parses the flavour fields of one workload (only those in {@link SimulationFlavor.workloadFields} that are set).
   * Throws core's `ValidationError` with paths under `path` (`spec.workloads[0]`), e.g.
   * `spec.workloads[0].placement.replicaScheduling.replicaSchedulingType`.
   */
  parseWorkload(fields: Readonly<Record<string, unknown>>, path: string): FlavorWorkload;
  /**
   * Validates settings and gates. Throws core's `ValidationError` naming `spec.settings.<name>`
   * or `spec.featureGates.<name>` for every bad or unknown entry.
   */
  configure(input: FlavorInput): ConfiguredFlavor;
}
