import type { Etcd3, IKeyValue, IResponseHeader } from 'etcd3';
import { oncePerTurn } from './once-per-turn';

/** Options of a {@link ReadBatcher}. */
export interface ReadBatcherOptions {
  /** Keys read in one transaction at most. */
  readonly maxReadsPerTxn: number;
  /** Read transactions awaiting etcd's answer at once at most. */
  readonly maxTxnsInFlight: number;
  readonly onHeader: (header: IResponseHeader) => void;
}

interface Waiting {
  readonly resolve: (kv: IKeyValue | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces single-key reads into read-only transactions of one range per key. A read-only
 * transaction is linearizable like a lone range, and it is sent after every read it carries
 * was asked for, so each read sees every write that completed before it was asked for: what a
 * lone range would have returned, at the transaction's revision. The same key asked twice
 * while waiting is read once.
 */
export class ReadBatcher {
  private waiting = new Map<string, Waiting[]>();
  private inFlight = 0;
  private readonly pumpSoon = oncePerTurn(() => this.pump());

  constructor(
    private readonly client: Etcd3,
    private readonly options: ReadBatcherOptions,
  ) {}

  /** What etcd holds at `key` (`undefined`: nothing). */
  read(key: string): Promise<IKeyValue | undefined> {
    return new Promise((resolve, reject) => {
      const readers = this.waiting.get(key);
      if (readers) readers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.pumpSoon();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxTxnsInFlight && this.waiting.size > 0) {
      // The oldest waiting keys (a Map keeps insertion order), without copying the rest.
      const batch: [string, Waiting[]][] = [];
      for (const entry of this.waiting) {
        if (batch.length === this.options.maxReadsPerTxn) break;
        batch.push(entry);
      }
      for (const [key] of batch) this.waiting.delete(key);
      this.inFlight++;
      void this.run(batch)
        .catch((error: unknown) => {
          for (const [, readers] of batch) for (const r of readers) r.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  private async run(batch: readonly (readonly [string, Waiting[]])[]): Promise<void> {
    try {
      const res = await this.client.kv.txn({
        success: batch.map(([key]) => ({ request_range: { key: Buffer.from(key) } })),
      });
      this.options.onHeader(res.header);
      batch.forEach(([, readers], i) => {
        const kv = res.responses[i]?.response_range.kvs[0];
        for (const r of readers) r.resolve(kv);
      });
    } catch (error) {
      for (const [, readers] of batch) for (const r of readers) r.reject(error);
    }
  }
}
