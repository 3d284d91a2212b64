import {
  ACTUATOR,
  FailoverManager,
  InMemoryStateStore,
  MemoryEventRecorder,
  VirtualClock,
  ValidationError,
  parseResourceList,
  register,
  registerCore,
  resolve,
  type Cluster,
  type CoreOptions,
  type PluginRegistration,
  type SchedulerProfile,
  type Taint,
} from '@lifeboat/core';
import { container as rootContainer } from 'tsyringe';
import { FaultInjector } from '../fleet/fault-injector';
import { VirtualFleet, type FleetWorkload } from '../fleet/virtual-fleet';
import {
  registerSchedulerExtensions,
  schedulerExtensionIssues,
  type SchedulerExtensions,
} from '../plugins/scheduler-extensions';
import { ReportBuilder } from '../report/report-builder';
import type { SimulationReport } from '../report/simulation-report';
import type { LoadedScenario } from '../scenario/load-scenario';
import { workloadBinding } from '../scenario/workload-binding';
import { seededRandom } from './seeded-random';
import { SimulationError } from './simulation-error';

/** Options of {@link runScenario}. @public */
export interface RunOptions {
  /** Overrides `spec.seed`. */
  readonly seed?: number;
  /**
   * The controllers' logger, metrics registry (default: core's, warnings to stderr) and
   * scheduler options.
   */
  readonly core?: Pick<CoreOptions, 'logger' | 'metrics' | 'scheduler'>;
  /**
   * Scheduler plugins of your own, registered beside the flavour's and the scenario's
   * `spec.plugins` (the same hook the scenario file has, for code).
   */
  readonly plugins?: readonly PluginRegistration[];
  /** Merged into the flavour's profile after the scenario's `spec.schedulerProfile`. */
  readonly schedulerProfile?: Partial<SchedulerProfile>;
}

/** The scenario's extensions, then those of the options; a bad option is a `ValidationError` naming it. */
function extensionsOf(loaded: LoadedScenario, options: RunOptions): SchedulerExtensions[] {
  const own: SchedulerExtensions = {
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.schedulerProfile ? { schedulerProfile: options.schedulerProfile } : {}),
  };
  const issues = schedulerExtensionIssues(
    {
      register: (container) => {
        loaded.configured.register(container);
        registerSchedulerExtensions(container, loaded.extensions);
      },
    },
    own,
    { plugins: 'plugins', schedulerProfile: 'schedulerProfile' },
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return [loaded.extensions, own];
}

function toCluster(
  c: LoadedScenario['scenario']['spec']['clusters'][number],
  syncMode: 'Push' | 'Pull' | undefined,
  start: number,
): Cluster {
  const capacity = c.capacity ? parseResourceList(c.capacity) : undefined;
  const labels = { ...(c.labels ?? {}) };
  return {
    kind: 'Cluster',
    metadata: { name: c.name, labels, creationTimestamp: start },
    spec: {
      ...(syncMode ? { syncMode } : {}),
      ...(c.region ? { region: c.region } : {}),
      ...(c.zones ? { zones: c.zones } : {}),
      ...(c.provider ? { provider: c.provider } : {}),
      ...(c.taints ? { taints: c.taints.map((t) => ({ ...t, timeAdded: start }) as Taint) } : {}),
    },
    status: capacity ? { capacity, allocatable: capacity } : {},
  };
}

/**
 * Runs a loaded scenario in virtual time and returns its report. Composition, as a user would:
 * a child container with core's `registerCore` (virtual clock, in-memory store, memory event
 * recorder), then the flavour's own registration with the scenario's settings, then only the
 * fleet-facing ports replaced: the actuator (the virtual fleet) and whatever the flavour reads
 * member health through. The flavour's member side (agents) runs on the fleet. Deterministic:
 * the same scenario and seed give the same report.
 * @public
 */
export async function runScenario(
  loaded: LoadedScenario,
  options: RunOptions = {},
): Promise<SimulationReport> {
  const { scenario, flavor, configured } = loaded;
  const spec = scenario.spec;
  const seed = options.seed ?? spec.seed;
  const random = seededRandom(seed);
  const start = 0;
  const clock = new VirtualClock(start);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  const failures: unknown[] = [];

  const workloads = new Map<string, FleetWorkload>();
  spec.workloads.forEach((w) =>
    workloads.set(`${w.namespace}/${w.name}`, {
      startupSeconds: w.startupSeconds,
      resources: w.resources ? parseResourceList(w.resources) : {},
    }),
  );
  const fleet = new VirtualFleet(store, clock, workloads);
  const report = new ReportBuilder(clock, fleet, start);
  report.attach(store);

  const container = rootContainer.createChildContainer();
  try {
    registerCore(container, { ...options.core, clock, store, recorder });
    configured.register(container);
    for (const extensions of extensionsOf(loaded, options))
      registerSchedulerExtensions(container, extensions);
    configured.connectFleet(container, fleet);
    register(container, ACTUATOR, { useValue: fleet });
    const manager = resolve(container, FailoverManager);

    for (const c of spec.clusters) {
      const member = fleet.addMember(c.name, c.capacity ? parseResourceList(c.capacity) : {});
      await store.create('Cluster', toCluster(c, c.syncMode ?? flavor.defaultSyncMode, start));
      member.agent = configured.createAgent(member, { store, clock, random });
    }
    for (const member of fleet.memberList()) await member.agent?.start();

    await manager.start();
    // The fleet joins first (its first health checks settle at t=0), then the workloads are
    // deployed onto it, as a user would deploy onto a running fleet.
    await clock.advanceTo(start);
    for (const [i, w] of spec.workloads.entries()) {
      const shape = loaded.workloads[i];
      if (!shape)
        throw new SimulationError(`no flavour shape for workload ${w.namespace}/${w.name}`);
      await store.create('Binding', workloadBinding(w, shape, { creationTimestamp: start }));
    }
    const injector = new FaultInjector(
      fleet,
      store,
      clock,
      flavor.defaultCordonKey,
      (f) => report.fault(f),
      (e) => failures.push(e),
    );
    injector.schedule(
      [...spec.events].sort((a, b) => a.at - b.at),
      start,
    );
    await clock.advanceTo(start + spec.duration);
    await manager.stop();
    for (const member of fleet.memberList()) member.agent?.stop();
    failures.push(...fleet.errors());
    if (failures.length > 0)
      throw new SimulationError(
        `the simulation failed: ${String(failures[0] instanceof Error ? failures[0].message : failures[0])}`,
        { cause: failures[0] },
      );
    return await report.finish(
      store,
      {
        scenario: scenario.metadata.name,
        flavor: flavor.name,
        seed,
        // The report counts seconds of virtual time (SCENARIO.md); the scenario holds ms.
        duration: spec.duration / 1000,
      },
      recorder.events,
    );
  } finally {
    await container.dispose();
  }
}
