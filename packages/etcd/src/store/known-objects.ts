import type { Kind, StoredKinds } from '@lifeboat/core';

type AnyStored = StoredKinds[Kind];

/**
 * The newest version of each key that this client has decoded (from a read, a list, a watch
 * or its own write), shared by every view of a store. A versioned update whose
 * `resourceVersion` is the remembered one needs no read before its transaction: the
 * remembered object is exactly what etcd holds at that mod revision, and the transaction's
 * revision compare still rejects the write if the key has moved on since.
 */
export class KnownObjects {
  private readonly objects = new Map<string, AnyStored>();

  /** Keeps `object` (its `resourceVersion` is the key's mod revision) unless a newer one is known. */
  remember(storageKey: string, object: AnyStored): void {
    const known = this.objects.get(storageKey);
    if (known && revisionOf(known) >= revisionOf(object)) return;
    this.objects.set(storageKey, object);
  }

  /** Forgets the key when it was deleted at `revision` or later than what is known. */
  forget(storageKey: string, revision: string): void {
    const known = this.objects.get(storageKey);
    if (known && revisionOf(known) <= BigInt(revision)) this.objects.delete(storageKey);
  }

  /** The object stored at `storageKey` with mod revision `revision`, if this client decoded it. */
  at<K extends Kind>(storageKey: string, revision: string): StoredKinds[K] | undefined {
    const known = this.objects.get(storageKey);
    return known?.metadata.resourceVersion === revision ? (known as StoredKinds[K]) : undefined;
  }
}

function revisionOf(object: AnyStored): bigint {
  return BigInt(object.metadata.resourceVersion ?? '0');
}
