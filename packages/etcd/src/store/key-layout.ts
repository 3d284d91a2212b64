import type { Kind } from '@lifeboat/core';

/** The key prefix every Lifeboat key lives under unless configured otherwise. @public */
export const DEFAULT_KEY_PREFIX = '/lifeboat/';

/**
 * Where things live in etcd: objects at `<prefix><Kind>/<namespace/name>`, election keys at
 * `<prefix>election/<name>`, members' status reports at `<prefix>Report/<cluster>/<namespace/name>`
 * (one range per cluster, so an etcd role can confine an agent's writes to its own). Kind names
 * are capitalized and `Report` is not a kind, so none of them collide.
 */
export class KeyLayout {
  constructor(readonly prefix: string = DEFAULT_KEY_PREFIX) {
    if (!prefix.endsWith('/'))
      throw new RangeError(`key prefix must end with "/", got "${prefix}"`);
  }

  kindPrefix(kind: Kind): string {
    return `${this.prefix}${kind}/`;
  }

  objectKey(kind: Kind, key: string): string {
    return `${this.kindPrefix(kind)}${key}`;
  }

  /** The object key (`namespace/name`) of a stored key under `kind`. */
  keyOf(kind: Kind, storageKey: string): string {
    return storageKey.slice(this.kindPrefix(kind).length);
  }

  /** Every report of `cluster`, or of every cluster without it. */
  reportPrefix(cluster?: string): string {
    return cluster === undefined ? `${this.prefix}Report/` : `${this.prefix}Report/${cluster}/`;
  }

  reportKey(cluster: string, bindingKey: string): string {
    return `${this.reportPrefix(cluster)}${bindingKey}`;
  }

  electionKey(name: string): string {
    return `${this.prefix}election/${name}`;
  }
}

/** The end of the range that holds every key starting with `prefix` (etcd's `range_end`). */
export function prefixRangeEnd(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if ((end[i] as number) < 0xff) {
      end[i] = (end[i] as number) + 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}
