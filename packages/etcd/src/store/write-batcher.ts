import type { Etcd3, ICompare, IKeyValue, IRequestOp, IResponseHeader } from 'etcd3';
import type { Fence } from '../fence/fence';
import { oncePerTurn } from './once-per-turn';

/** A comparison on a write's own key: its create or mod revision against a value. */
export type Comparison = readonly ['Create' | 'Mod', '==' | '>', string | number];

/** One conditional write: `op` on `key` if every comparison holds (and the fence, when given). */
export interface ConditionalWrite {
  readonly key: string;
  readonly comparisons: readonly Comparison[];
  readonly op: IRequestOp;
  readonly fence: Fence | undefined;
}

/**
 * What etcd did with one write. A failed write carries what its key and the fence key held at
 * the revision its comparisons were evaluated at, so the caller can tell a stale version from a
 * missing key from lost leadership without another round trip.
 */
export type WriteResult =
  | { readonly succeeded: true; readonly revision: string }
  | {
      readonly succeeded: false;
      readonly current: IKeyValue | undefined;
      readonly fenceHolder: IKeyValue | undefined;
    };

/** Options of a {@link WriteBatcher}. */
export interface WriteBatcherOptions {
  /** Writes in one transaction at most (1: every write is its own transaction). */
  readonly maxWritesPerTxn: number;
  /** Bytes of keys and values in one transaction at most (a larger write still goes, alone). */
  readonly maxBytesPerTxn: number;
  /** Transactions awaiting etcd's answer at once at most. */
  readonly maxTxnsInFlight: number;
  /** Told the header of every answer (the store's revision knowledge). */
  readonly onHeader: (header: IResponseHeader) => void;
}

interface Pending {
  readonly write: ConditionalWrite;
  readonly bytes: number;
  /** Sent on its own after its batch was refused as too large. */
  solo: boolean;
  readonly resolve: (result: WriteResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces conditional writes into multi-operation transactions. Writes submitted while
 * transactions are in flight wait and go together in the next one: its comparisons are every
 * write's own comparisons plus the batch's one fence compare, its success branch every write's
 * operation, its failure branch a read of every key and of the fence key. etcd commits all of it
 * or none of it, at one revision, so a batch is exactly its writes run one after another at
 * that revision: a deposed leader's batch commits nothing, and every write that commits gets
 * the revision a lone transaction would have given it.
 *
 * When the batch fails, the failure branch's reads (taken at the revision the comparisons were
 * evaluated at) decide each write as a lone transaction at that revision would have: a lost
 * fence fails them all, a write whose own comparison does not hold fails with what its key
 * holds, and the writes whose comparisons held go again, first, in the next batch (at least one
 * write failed, so this ends). A key is never twice in one transaction nor in two in flight, so
 * writes of one key commit in the order they were submitted.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  /** Keys of the writes in transactions awaiting an answer. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  /** Writes submitted in the same turn of the event loop go in one transaction. */
  private readonly pumpSoon = oncePerTurn(() => this.pump());

  constructor(
    private readonly client: Etcd3,
    private readonly options: WriteBatcherOptions,
  ) {}

  /** Runs `write` in the next transaction that can take it. */
  submit(write: ConditionalWrite): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, bytes: bytesOf(write), solo: false, resolve, reject });
      this.pumpSoon();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxTxnsInFlight && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight++;
      for (const p of batch) this.busy.add(p.write.key);
      // A settled caller ignores the rejection; one still waiting is never left hanging.
      void this.run(batch)
        .catch((error: unknown) => {
          for (const p of batch) p.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          for (const p of batch) this.busy.delete(p.write.key);
          this.pump();
        });
    }
  }

  /**
   * Takes the next batch from the queue, in submission order: writes behind the same fence, at
   * most one per key, none of a key in flight or of a key an earlier waiting write holds back
   * (so writes of one key keep their order).
   */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const blocked = new Set(this.busy);
    let fence: Fence | undefined;
    let bytes = 0;
    const rest: Pending[] = [];
    let full = false;
    for (const p of this.queue) {
      const key = p.write.key;
      const fits =
        !full &&
        !blocked.has(key) &&
        (batch.length === 0 ||
          (!p.solo &&
            !(batch[0] as Pending).solo &&
            sameFence(fence, p.write.fence) &&
            batch.length < this.options.maxWritesPerTxn &&
            bytes + p.bytes <= this.options.maxBytesPerTxn));
      blocked.add(key);
      if (!fits) {
        if (batch.length >= this.options.maxWritesPerTxn) full = true;
        rest.push(p);
        continue;
      }
      if (batch.length === 0) fence = p.write.fence;
      batch.push(p);
      bytes += p.bytes;
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: readonly Pending[]): Promise<void> {
    const fence = batch[0]?.write.fence;
    const compare: ICompare[] = batch.flatMap((p) =>
      p.write.comparisons.map((c) => toCompare(p.write.key, c)),
    );
    const failure: IRequestOp[] = batch.map((p) => ({
      request_range: { key: Buffer.from(p.write.key) },
    }));
    if (fence) {
      compare.push({
        key: Buffer.from(fence.key),
        target: 'Create',
        result: 'Equal',
        create_revision: fence.createRevision,
      });
      failure.push({ request_range: { key: Buffer.from(fence.key) } });
    }
    let res;
    try {
      res = await this.client.kv.txn({ compare, success: batch.map((p) => p.write.op), failure });
    } catch (error) {
      if (batch.length > 1 && isTooLarge(error)) {
        // Refused before it was proposed (nothing committed): each write goes on its own.
        for (const p of batch) p.solo = true;
        this.queue.unshift(...batch);
        return;
      }
      for (const p of batch) p.reject(error);
      return;
    }
    this.options.onHeader(res.header);
    if (res.succeeded) {
      for (const p of batch) p.resolve({ succeeded: true, revision: res.header.revision });
      return;
    }
    const fenceHolder = fence ? res.responses[batch.length]?.response_range.kvs[0] : undefined;
    const fenceHeld = !fence || fenceHolder?.create_revision === fence.createRevision;
    const decided = batch.map((p, i) => {
      const current = res.responses[i]?.response_range.kvs[0];
      const failed =
        batch.length === 1 || !fenceHeld || !p.write.comparisons.every((c) => holds(c, current));
      return { p, failed, current };
    });
    // Never expected (etcd said a comparison failed): lone transactions then decide each write.
    const undecided = !decided.some((d) => d.failed);
    const again: Pending[] = [];
    for (const { p, failed, current } of decided) {
      if (failed) p.resolve({ succeeded: false, current, fenceHolder });
      else {
        p.solo ||= undecided;
        again.push(p);
      }
    }
    this.queue.unshift(...again);
  }
}

function toCompare(key: string, [target, operator, value]: Comparison): ICompare {
  const result = operator === '==' ? 'Equal' : 'Greater';
  return target === 'Create'
    ? { key: Buffer.from(key), target: 'Create', result, create_revision: value }
    : { key: Buffer.from(key), target: 'Mod', result, mod_revision: value };
}

/** Whether `comparison` holds for what the key holds (`undefined`: no key, revisions 0). */
function holds([target, operator, value]: Comparison, kv: IKeyValue | undefined): boolean {
  const actual = BigInt(kv ? (target === 'Create' ? kv.create_revision : kv.mod_revision) : 0);
  const expected = BigInt(value);
  return operator === '==' ? actual === expected : actual > expected;
}

function sameFence(a: Fence | undefined, b: Fence | undefined): boolean {
  return a === b || (a?.key === b?.key && a?.createRevision === b?.createRevision);
}

function bytesOf(write: ConditionalWrite): number {
  const put = write.op.request_put;
  return Buffer.byteLength(write.key) + (put?.value ? put.value.length : 0);
}

/** etcd's refusal of a request over its `--max-request-bytes`, checked before proposing it. */
function isTooLarge(error: unknown): boolean {
  return error instanceof Error && error.message.includes('request is too large');
}
