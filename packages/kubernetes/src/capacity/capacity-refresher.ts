import {
  retryOnConflict,
  type Clock,
  type ResourceList,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';
import type { MemberClient } from '../members/member-client';
import { CLUSTER_WRITE_RETRY, updateMemberLocation } from '../members/member-registration';
import { readMemberCapacity, type MemberCapacity } from './member-capacity';

/** Settings of {@link CapacityRefresher}. @public */
export interface CapacityRefresherOptions {
  /** How often each member is read; Karmada collects with every status update (10 s). */
  readonly periodMs: number;
  /** Told about each member that could not be read or written; the loop goes on. */
  readonly onError?: (member: string, message: string) => void;
}

/**
 * Keeps each member's resources in its Cluster's status, where the capacity estimators read
 * them (`status.capacity`, `status.allocatable`, `status.allocated`, Karmada's resource summary):
 * every period, on the injected clock, it reads every member's nodes and pods. A member that
 * cannot be read is *unknown*: its stored figures are left as they were (Karmada skips the
 * collection of an offline cluster), never replaced by zeros, and the latest reading says why.
 * The location a members file leaves out is kept in step with the nodes' topology labels.
 * @public
 */
export class CapacityRefresher {
  private timer: TimerHandle | undefined;
  private running = false;
  private round: Promise<void> = Promise.resolve();
  private readonly latest = new Map<string, MemberCapacity>();

  constructor(
    private readonly store: StateStore,
    private readonly clients: readonly MemberClient[],
    private readonly clock: Clock,
    private readonly options: CapacityRefresherOptions,
  ) {}

  /** Reads every member once, then every period; resolves after the first round. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.refresh();
    this.schedule();
  }

  /** Stops the loop and waits for a round in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** What the last round found for a member (undefined before its first). */
  capacityOf(member: string): MemberCapacity | undefined {
    return this.latest.get(member);
  }

  /** One round over every member, in parallel. */
  refresh(): Promise<void> {
    this.round = this.round.then(() =>
      Promise.all(this.clients.map((c) => this.refreshOne(c))).then(() => undefined),
    );
    return this.round;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.clock.setTimeout(() => {
      void this.refresh().finally(() => this.schedule());
    }, this.options.periodMs);
  }

  private async refreshOne(client: MemberClient): Promise<void> {
    const capacity = await readMemberCapacity(client);
    this.latest.set(client.name, capacity);
    if (!capacity.known) {
      this.options.onError?.(client.name, capacity.reason);
      return;
    }
    try {
      await this.writeSummary(client.name, capacity.summary);
      await updateMemberLocation(this.store, client.member, capacity.location);
    } catch (error) {
      this.options.onError?.(client.name, error instanceof Error ? error.message : String(error));
    }
  }

  private async writeSummary(
    name: string,
    summary: { capacity: ResourceList; allocatable: ResourceList; allocated: ResourceList },
  ): Promise<void> {
    await retryOnConflict(async () => {
      const cluster = await this.store.get('Cluster', name);
      if (!cluster) return;
      const before = cluster.status ?? {};
      if (
        same(before.capacity, summary.capacity) &&
        same(before.allocatable, summary.allocatable) &&
        same(before.allocated, summary.allocated)
      )
        return;
      await this.store.update('Cluster', {
        ...cluster,
        status: {
          ...before,
          capacity: summary.capacity,
          allocatable: summary.allocatable,
          allocated: summary.allocated,
        },
      });
    }, CLUSTER_WRITE_RETRY);
  }
}

function same(a: ResourceList | undefined, b: ResourceList): boolean {
  if (!a) return false;
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    if (!x || !y || x.cmp(y) !== 0) return false;
  }
  return true;
}
