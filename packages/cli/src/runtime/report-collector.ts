import {
  Informer,
  LeadershipLostError,
  objectKey,
  retryOnConflict,
  type AggregatedStatusItem,
  type Binding,
  type Clock,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';
import type { MemberReports } from '@lifeboat/etcd';
import type { Logger } from 'pino';
import { takeOldest } from './take-oldest';

/** Bindings written at once while copying reports. */
const CONCURRENCY = 8;
/** Waits after a round whose writes failed (etcd away), doubling up to the last. */
const RETRY_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * The leader's side of the members' reports, as Karmada's binding status controller aggregates
 * the status of each member's `Work` into the binding: every report under `Report/<cluster>/`
 * becomes that cluster's entry of its binding's `status.aggregatedStatus`, and an entry without
 * a report goes. It lists the reports, then follows them with a watch (and lists again if the
 * watch ends), and watches bindings too, so a binding created after its reports or written with
 * an older status is put right. Writes go through the term's fenced store and are retried with
 * backoff while etcd is away; one term's collector stops with the term.
 */
export class ReportCollector {
  /** binding -> cluster -> report. */
  private readonly reports = new Map<string, Map<string, AggregatedStatusItem>>();
  private readonly dirty = new Set<string>();
  private readonly bindings: Informer<'Binding'>;
  private unwatch?: () => void;
  private draining?: Promise<void>;
  private retryTimer?: TimerHandle;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly source: MemberReports,
    /** The term's fenced store. */
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.bindings = new Informer(store, 'Binding', { clock, logger });
    const check = (b: Binding): void => this.checkBinding(b);
    this.bindings.addHandler({ onAdd: check, onUpdate: check });
  }

  async start(): Promise<void> {
    await this.follow();
    await this.bindings.start();
    for (const b of this.bindings.list()) this.checkBinding(b);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch?.();
    this.bindings.stop();
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    await this.draining;
  }

  /** The aggregated status the reports give `key`, in cluster name order. */
  private itemsFor(key: string): AggregatedStatusItem[] {
    return [...(this.reports.get(key) ?? new Map<string, AggregatedStatusItem>()).values()].sort(
      (a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : 0),
    );
  }

  /** Lists every report, then watches from the list; a watch that ends lists again. */
  private async follow(): Promise<void> {
    const { reports, revision } = await this.source.list();
    const before = new Set(this.reports.keys());
    this.reports.clear();
    for (const r of reports) this.put(r.binding, r.cluster, r.status);
    for (const key of new Set([...before, ...this.reports.keys()])) this.markDirty(key);
    this.unwatch = this.source.watch(
      revision,
      (event) => {
        if (event.type === 'PUT' && event.status)
          this.put(event.binding, event.cluster, event.status);
        else this.reports.get(event.binding)?.delete(event.cluster);
        this.markDirty(event.binding);
      },
      (error) => {
        if (this.stopped) return;
        this.logger.warn({ err: error }, 'the watch on member reports ended; listing again');
        void this.relist();
      },
    );
  }

  private async relist(): Promise<void> {
    for (let failures = 0; !this.stopped; failures++) {
      try {
        await this.follow();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'listing member reports failed; retrying');
        await this.clock.sleep(backoff(failures + 1));
      }
    }
  }

  private put(binding: string, cluster: string, status: AggregatedStatusItem): void {
    let byCluster = this.reports.get(binding);
    if (!byCluster) this.reports.set(binding, (byCluster = new Map()));
    byCluster.set(cluster, status);
  }

  private checkBinding(binding: Binding): void {
    const key = objectKey(binding.metadata);
    if (!sameItems(this.itemsFor(key), binding.status?.aggregatedStatus ?? [])) this.markDirty(key);
  }

  private markDirty(key: string): void {
    if (this.stopped) return;
    this.dirty.add(key);
    if (!this.draining && !this.retryTimer) this.draining = this.drain();
  }

  /** Writes every dirty binding, a few at a time, until none is left or a write fails. */
  private async drain(): Promise<void> {
    let failed = false;
    while (this.dirty.size > 0 && !this.stopped && !failed) {
      const batch = takeOldest(this.dirty, CONCURRENCY);
      const results = await Promise.allSettled(batch.map((key) => this.write(key)));
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') return;
        failed = true;
        this.dirty.add(batch[i] as string);
        // The term is over: the next leader's collector copies what is left.
        if (result.reason instanceof LeadershipLostError) this.stopped = true;
        else if (this.failures === 0)
          this.logger.warn(
            { binding: batch[i], err: result.reason },
            'copying member reports into a binding failed; retrying',
          );
      });
    }
    this.draining = undefined;
    if (!failed) {
      this.failures = 0;
      return;
    }
    if (this.stopped) return;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.dirty.size > 0 && !this.draining) this.draining = this.drain();
    }, backoff(++this.failures));
  }

  private async write(key: string): Promise<void> {
    // The informer's copy first (no read); after a conflict it may be behind, so read etcd.
    let cached = true;
    await retryOnConflict(async () => {
      const binding = cached
        ? (this.bindings.get(key) ?? (await this.store.get('Binding', key)))
        : await this.store.get('Binding', key);
      cached = false;
      if (!binding) return;
      const items = this.itemsFor(key);
      if (sameItems(items, binding.status?.aggregatedStatus ?? [])) return;
      await this.store.update('Binding', {
        ...binding,
        status: { ...binding.status, aggregatedStatus: items },
      });
    });
  }
}

function backoff(failures: number): number {
  return RETRY_BACKOFF_MS[Math.min(failures, RETRY_BACKOFF_MS.length) - 1] as number;
}

function sameItems(
  a: readonly AggregatedStatusItem[],
  b: readonly AggregatedStatusItem[],
): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.clusterName === y.clusterName &&
        x.applied === y.applied &&
        x.health === y.health &&
        x.readyReplicas === y.readyReplicas &&
        x.healthSince === y.healthSince
      );
    })
  );
}
