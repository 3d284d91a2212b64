import { RealClock, type Clock, type TimerHandle } from '@lifeboat/core';
import type { Etcd3 } from 'etcd3';

/** Options of {@link EtcdHealth}. @public */
export interface EtcdHealthOptions {
  readonly client: Etcd3;
  /** Time between checks (default 2 s). */
  readonly intervalMs?: number;
  /** How long one check waits for etcd (default the interval). */
  readonly timeoutMs?: number;
  /** Told when etcd stops or starts answering. */
  readonly onChange?: (healthy: boolean, error?: Error) => void;
  readonly clock?: Clock;
}

/**
 * Whether this process can reach etcd now: asks etcd for its status every interval. A process
 * whose store is gone must not claim to be ready (`/readyz`), and an agent re-reports its
 * state when etcd answers again. The etcd client itself reconnects with gRPC's backoff; this
 * only watches. Healthy at start (the client was just connected).
 * @public
 */
export class EtcdHealth {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private timer?: TimerHandle;
  private running = false;
  private current = true;
  private inFlight?: Promise<void>;

  constructor(private readonly options: EtcdHealthOptions) {
    this.clock = options.clock ?? new RealClock();
    this.intervalMs = options.intervalMs ?? 2_000;
    this.timeoutMs = options.timeoutMs ?? this.intervalMs;
  }

  /** The last check's verdict. */
  get healthy(): boolean {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One check now; resolves with the verdict. */
  async check(): Promise<boolean> {
    let error: Error | undefined;
    try {
      await this.options.client.maintenance.status({
        deadline: new Date(this.clock.now() + this.timeoutMs),
      });
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
    }
    const healthy = error === undefined;
    if (healthy !== this.current) {
      this.current = healthy;
      this.options.onChange?.(healthy, error);
    }
    return healthy;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.inFlight = this.check()
        .then(() => undefined)
        .finally(() => {
          this.inFlight = undefined;
          if (this.running) this.schedule();
        });
    }, this.intervalMs);
  }
}
