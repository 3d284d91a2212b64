import {
  formatTaint,
  retryOnConflict,
  type Clock,
  type StateStore,
  type Taint,
} from '@lifeboat/core';
import type { ScenarioEvent } from '../scenario/scenario-schema';
import { workloadKey } from '../scenario/cross-references';
import type { VirtualFleet } from './virtual-fleet';

/** A fault as it was applied, for the report. @public */
export interface InjectedFault {
  readonly action: ScenarioEvent['action'];
  readonly cluster?: string;
  readonly workload?: string;
  readonly taint?: string;
  readonly replicas?: number;
}

/**
 * Applies a scenario's events at their virtual times. Faults act on the fleet (fail, recover,
 * degrade, unhealthy); operator actions (cordon, uncordon, scale) edit the store objects as an
 * operator would with kubectl. Nothing here touches a controller.
 * @public
 */
export class FaultInjector {
  /** Taints each cluster's cordons added, so uncordon removes those and nothing else. */
  private readonly cordons = new Map<string, Taint[]>();

  constructor(
    private readonly fleet: VirtualFleet,
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly defaultCordonKey: string,
    private readonly onInjected: (fault: InjectedFault) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Schedules every event at `start + at` (events at the same time apply in file order). */
  schedule(events: readonly ScenarioEvent[], start: number): void {
    for (const event of events) {
      this.clock.setTimeout(
        () => {
          this.apply(event).catch(this.onError);
        },
        start + event.at - this.clock.now(),
      );
    }
  }

  /** Applies one event now. */
  async apply(event: ScenarioEvent): Promise<void> {
    switch (event.action) {
      case 'fail':
        this.onInjected({ action: event.action, cluster: event.cluster });
        return this.fleet.fail(event.cluster);
      case 'recover':
        this.onInjected({ action: event.action, cluster: event.cluster });
        return this.fleet.recover(event.cluster);
      case 'degrade':
        this.onInjected({ action: event.action, cluster: event.cluster });
        return this.fleet.degrade(event.cluster);
      case 'unhealthy': {
        const workload = workloadKey(event.workload);
        this.onInjected({ action: event.action, workload, cluster: event.cluster });
        return this.fleet.markUnhealthy(workload, event.cluster);
      }
      case 'cordon': {
        const taint: Taint = {
          key: event.key ?? this.defaultCordonKey,
          ...(event.value === undefined ? {} : { value: event.value }),
          effect: event.effect as Taint['effect'],
          timeAdded: this.clock.now(),
        };
        this.onInjected({
          action: event.action,
          cluster: event.cluster,
          taint: formatTaint(taint),
        });
        this.cordons.set(event.cluster, [...(this.cordons.get(event.cluster) ?? []), taint]);
        return this.editCluster(event.cluster, (taints) =>
          taints.some((t) => t.key === taint.key && t.effect === taint.effect)
            ? taints
            : [...taints, taint],
        );
      }
      case 'uncordon': {
        const added = this.cordons.get(event.cluster) ?? [];
        const removing = added.filter((t) => event.key === undefined || t.key === event.key);
        this.cordons.set(
          event.cluster,
          added.filter((t) => !removing.includes(t)),
        );
        this.onInjected({
          action: event.action,
          cluster: event.cluster,
          ...(removing.length ? { taint: removing.map(formatTaint).join(',') } : {}),
        });
        return this.editCluster(event.cluster, (taints) =>
          taints.filter((t) => !removing.some((r) => r.key === t.key && r.effect === t.effect)),
        );
      }
      case 'scale': {
        const workload = workloadKey(event.workload);
        this.onInjected({ action: event.action, workload, replicas: event.replicas });
        return retryOnConflict(async () => {
          const binding = await this.store.get('Binding', workload);
          if (binding)
            await this.store.update('Binding', {
              ...binding,
              spec: { ...binding.spec, replicas: event.replicas },
            });
        });
      }
    }
  }

  private editCluster(
    name: string,
    edit: (taints: readonly Taint[]) => readonly Taint[],
  ): Promise<void> {
    return retryOnConflict(async () => {
      const cluster = await this.store.get('Cluster', name);
      if (!cluster) return;
      const taints = cluster.spec.taints ?? [];
      const next = edit(taints);
      if (next !== taints)
        await this.store.update('Cluster', { ...cluster, spec: { ...cluster.spec, taints: next } });
    });
  }
}
