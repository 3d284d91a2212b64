import { deepFreeze, type AggregatedStatusItem } from '@lifeboat/core';
import type { Etcd3, IKeyValue, IWatchResponse } from 'etcd3';
import { aggregatedStatusItem } from '../codec/object-schemas';
import { CorruptObjectError, excerpt } from '../errors/corrupt-object-error';
import { DEFAULT_KEY_PREFIX, KeyLayout, prefixRangeEnd } from '../store/key-layout';

/** The kind name reports carry in errors and metrics. */
const REPORT_KIND = 'Report';

/** Changes one {@link MemberReports.write} takes: etcd's default `--max-txn-ops`. @public */
export const MEMBER_REPORTS_PER_WRITE = 128;

/** What one member says about one binding: its entry of the binding's `status.aggregatedStatus`. @public */
export interface MemberReport {
  readonly cluster: string;
  /** The binding's `namespace/name`. */
  readonly binding: string;
  readonly status: AggregatedStatusItem;
}

/** A report written or deleted; a deletion carries no status. @public */
export interface MemberReportEvent {
  readonly type: 'PUT' | 'DELETE';
  readonly cluster: string;
  readonly binding: string;
  readonly status?: AggregatedStatusItem;
}

/** Options of {@link MemberReports}. @public */
export interface MemberReportsOptions {
  /** A connected client; the caller owns it. */
  readonly client: Etcd3;
  /** Key prefix (default `/lifeboat/`), as the store's. */
  readonly prefix?: string;
  /** Told about every report that is not valid (skipped by lists and watches). */
  readonly onCorruptObject?: (error: CorruptObjectError) => void;
}

/**
 * Members' status reports, one etcd key per member and binding:
 * `<prefix>Report/<cluster>/<namespace>/<name>`, holding that member's `aggregatedStatus` entry
 * as JSON. As Karmada's members write the status of their `Work` objects in their own execution
 * namespace and the controller aggregates it into the binding, an agent writes only under its
 * own cluster's range, so an etcd role can limit it to that range (it needs no write access to
 * bindings), and the active controller copies the reports into the bindings. A report whose
 * `clusterName` is not the cluster of its key is invalid, like one that is not JSON.
 * @public
 */
export class MemberReports {
  private readonly client: Etcd3;
  private readonly layout: KeyLayout;
  private readonly onCorruptObject: ((error: CorruptObjectError) => void) | undefined;

  constructor(options: MemberReportsOptions) {
    this.client = options.client;
    this.layout = new KeyLayout(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.onCorruptObject = options.onCorruptObject;
  }

  /** The etcd key of `cluster`'s report on the binding `binding` (`namespace/name`). */
  keyOf(cluster: string, binding: string): string {
    return this.layout.reportKey(cluster, binding);
  }

  /** The stored report; throws {@link CorruptObjectError} when the value is not a valid one. */
  async get(cluster: string, binding: string): Promise<AggregatedStatusItem | undefined> {
    const res = await this.client.kv.range({ key: Buffer.from(this.keyOf(cluster, binding)) });
    const kv = res.kvs[0];
    return kv ? this.decode(kv).status : undefined;
  }

  /** Writes `cluster`'s report on `binding` (its `clusterName` is `cluster`). */
  async put(
    cluster: string,
    binding: string,
    status: Omit<AggregatedStatusItem, 'clusterName'>,
  ): Promise<void> {
    await this.write(cluster, new Map([[binding, status]]));
  }

  async delete(cluster: string, binding: string): Promise<void> {
    await this.write(cluster, new Map([[binding, undefined]]));
  }

  /**
   * Writes several of `cluster`'s reports in one etcd transaction (one round trip, one
   * revision): each binding's report is put, or deleted when its status is undefined. At most
   * {@link MEMBER_REPORTS_PER_WRITE} changes (etcd's default limit of operations per txn).
   */
  async write(
    cluster: string,
    changes: ReadonlyMap<string, Omit<AggregatedStatusItem, 'clusterName'> | undefined>,
  ): Promise<void> {
    if (changes.size > MEMBER_REPORTS_PER_WRITE)
      throw new RangeError(
        `${changes.size} reports in one write; at most ${MEMBER_REPORTS_PER_WRITE}`,
      );
    if (changes.size === 0) return;
    const success = [...changes].map(([binding, status]) => {
      const key = Buffer.from(this.keyOf(cluster, binding));
      return status
        ? {
            request_put: {
              key,
              value: Buffer.from(JSON.stringify({ ...status, clusterName: cluster })),
            },
          }
        : { request_delete_range: { key } };
    });
    await this.client.kv.txn({ compare: [], success, failure: [] });
  }

  /**
   * Every valid report (of `cluster` only, when given) in key order and the revision they were
   * read at: watch after it to miss nothing.
   */
  async list(cluster?: string): Promise<{ reports: MemberReport[]; revision: string }> {
    const prefix = this.layout.reportPrefix(cluster);
    const res = await this.client.kv.range({
      key: Buffer.from(prefix),
      range_end: prefixRangeEnd(prefix),
    });
    const reports = res.kvs.flatMap((kv) => {
      const report = this.decodeOrSkip(kv);
      return report ? [report] : [];
    });
    return { reports, revision: res.header.revision };
  }

  /**
   * Every report change after `revision`, in commit order; it survives reconnects and resumes
   * where it was. Invalid values are skipped (and reported). When etcd ends the watch (its
   * history was compacted, say) `onError` is called once and nothing more is delivered: list
   * again.
   */
  watch(
    revision: string,
    handler: (event: MemberReportEvent) => void,
    onError: (error: Error) => void,
  ): () => void {
    let next = BigInt(revision) + 1n;
    const prefix = this.layout.reportPrefix();
    const watcher = this.client.watch().prefix(prefix).startRevision(String(next)).watcher();
    let active = true;
    watcher.on('data', (res: IWatchResponse) => {
      if (!active) return;
      const seen = BigInt(res.header.revision) + 1n;
      if (seen > next) next = seen;
      for (const event of res.events) {
        const where = this.parseKey(event.kv.key.toString());
        if (!where) continue;
        if (event.type === 'Delete') {
          handler({ type: 'DELETE', ...where });
          continue;
        }
        const report = this.decodeOrSkip(event.kv);
        if (report) handler({ type: 'PUT', ...report });
      }
    });
    // As the store's watches: resume from what was delivered, not from where etcd3 would.
    watcher.on('disconnected', () => {
      watcher.request.start_revision = String(next);
    });
    watcher.on('error', (error: Error) => {
      if (!active) return;
      active = false;
      onError(error);
    });
    return () => {
      if (!active) return;
      active = false;
      watcher.cancel().catch(() => undefined);
    };
  }

  private parseKey(key: string): { cluster: string; binding: string } | undefined {
    const rest = key.slice(this.layout.reportPrefix().length);
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    return { cluster: rest.slice(0, slash), binding: rest.slice(slash + 1) };
  }

  private decodeOrSkip(kv: IKeyValue): MemberReport | undefined {
    try {
      return this.decode(kv);
    } catch (error) {
      if (!(error instanceof CorruptObjectError)) throw error;
      this.onCorruptObject?.(error);
      return undefined;
    }
  }

  private decode(kv: IKeyValue): MemberReport {
    const key = kv.key.toString();
    const where = this.parseKey(key);
    if (!where) throw new CorruptObjectError(REPORT_KIND, key, 'not a <cluster>/<binding> key');
    let json: unknown;
    try {
      json = JSON.parse(kv.value.toString());
    } catch (error) {
      throw new CorruptObjectError(
        REPORT_KIND,
        key,
        `not JSON (${excerpt(error instanceof Error ? error.message : String(error))})`,
      );
    }
    const checked = aggregatedStatusItem.safeParse(json);
    if (!checked.success) {
      const [issue] = checked.error.issues;
      const path = issue?.path.join('.') ?? '';
      throw new CorruptObjectError(
        REPORT_KIND,
        key,
        excerpt(`${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}`),
      );
    }
    const status = checked.data as AggregatedStatusItem;
    if (status.clusterName !== where.cluster)
      throw new CorruptObjectError(
        REPORT_KIND,
        key,
        excerpt(`clusterName "${status.clusterName}" is not the key's cluster "${where.cluster}"`),
      );
    return { ...where, status: deepFreeze(status) };
  }
}
