import type { Kind } from '@lifeboat/core';

/** The key prefix every Lifeboat key lives under unless configured otherwise. @public */
export const DEFAULT_KEY_PREFIX = '/lifeboat/';

/**
 * Where things live in etcd: objects at `<prefix><Kind>/<namespace/name>`, election keys at
 * `<prefix>election/<name>`. Kind names are capitalized, so the two never collide.
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
