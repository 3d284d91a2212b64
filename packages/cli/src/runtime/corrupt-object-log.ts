import { RealClock, type Clock } from '@lifeboat/core';
import type { CorruptObjectError } from '@lifeboat/etcd';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

/** A key's corrupt value is logged at most once per this period (it is met on every relist). */
const LOG_EVERY_MS = 60_000;

/**
 * What a process does with a corrupt value the store skipped: counts it
 * (`lifeboat_store_corrupt_objects_total{kind}`) and logs it with its key, once per key per
 * minute, so one bad key neither crashes the process nor floods its log.
 */
export class CorruptObjectLog {
  private readonly counter: Counter<'kind'>;
  private readonly lastLogged = new Map<string, number>();

  constructor(
    registry: Registry,
    private readonly logger: Logger | undefined,
    private readonly clock: Clock = new RealClock(),
  ) {
    this.counter = new Counter({
      name: 'lifeboat_store_corrupt_objects_total',
      help: 'Stored values skipped because they are not valid objects of their kind.',
      labelNames: ['kind'],
      registers: [registry],
    });
  }

  report(error: CorruptObjectError): void {
    this.counter.inc({ kind: error.kind });
    const key = error.storageKey ?? error.kind;
    const now = this.clock.now();
    const last = this.lastLogged.get(key);
    if (last !== undefined && now - last < LOG_EVERY_MS) return;
    this.lastLogged.set(key, now);
    this.logger?.warn({ key, reason: error.reason }, 'skipping a corrupt value in etcd');
  }
}
