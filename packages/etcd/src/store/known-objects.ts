import type { Kind, StoredKinds } from '@lifeboat/core';

type AnyStored = StoredKinds[Kind];

/**
 * The newest version of each key that this client has decoded (from a read, a list, a watch
 * or its own write), shared by every view of a store, and the version before it. A versioned
 * update whose `resourceVersion` is the remembered newest one needs no read before its
 * transaction: the remembered object is exactly what etcd holds at that mod revision, and the
 * transaction's revision compare still rejects the write if the key has moved on since. A watch
 * event of a version already decoded (this client's own write, and the version it replaced)
 * reuses the object instead of decoding its value again.
 */
export class KnownObjects {
  private readonly objects = new Map<string, AnyStored>();
  /** The version each newest one replaced (kept while the key lives). */
  private readonly replaced = new Map<string, AnyStored>();

  /** Keeps `object` (its `resourceVersion` is the key's mod revision) unless a newer one is known. */
  remember(storageKey: string, object: AnyStored): void {
    const known = this.objects.get(storageKey);
    if (known && revisionOf(known) >= revisionOf(object)) return;
    if (known) this.replaced.set(storageKey, known);
    this.objects.set(storageKey, object);
  }

  /** Forgets the key when it was deleted at `revision` or later than what is known. */
  forget(storageKey: string, revision: string): void {
    const known = this.objects.get(storageKey);
    if (!known || revisionOf(known) > BigInt(revision)) return;
    this.objects.delete(storageKey);
    this.replaced.delete(storageKey);
  }

  /** The object stored at `storageKey` with mod revision `revision`, if it is the newest this client decoded. */
  at<K extends Kind>(storageKey: string, revision: string): StoredKinds[K] | undefined {
    const known = this.objects.get(storageKey);
    return known?.metadata.resourceVersion === revision ? (known as StoredKinds[K]) : undefined;
  }

  /** The object stored at `storageKey` with mod revision `revision`, if this client decoded it and still holds it. */
  decoded<K extends Kind>(storageKey: string, revision: string): StoredKinds[K] | undefined {
    const older = this.replaced.get(storageKey);
    return (
      this.at<K>(storageKey, revision) ??
      (older?.metadata.resourceVersion === revision ? (older as StoredKinds[K]) : undefined)
    );
  }
}

function revisionOf(object: AnyStored): bigint {
  return BigInt(object.metadata.resourceVersion ?? '0');
}
