import { randomUUID } from 'node:crypto';
import type { Clock } from '@lifeboat/core';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  expired,
  invalid,
  notFound,
  STALE_OBJECT,
} from './api-error';
import {
  clone,
  sameJson,
  objectKey,
  ResourceVersionTooOldError,
  type KubeObject,
  type ObjectStore,
} from './object-store';
import { storageKey } from './resource-registry';
import { apiVersionOf, qualifiedResource, type ResourceType } from './resource-types';
import {
  ApplyConflictError,
  recordUpdate,
  serverSideApply,
  type WriteContext,
  type WriteScope,
} from './server-side-apply';

/** Who writes, and to which part of the object. */
export interface WriteOptions {
  readonly manager: string;
  readonly scope?: WriteScope;
}

/** Options of a delete, as `DeleteOptions` carries them. */
export interface DeleteOptions {
  readonly preconditions?: { readonly resourceVersion?: string; readonly uid?: string };
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/** A change seen by a watch, with the global version it happened at. */
export interface ApiWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

/** Called after every committed write, so controllers inside the double (CRDs, garbage collection) react. */
export type WriteListener = (type: ResourceType, event: ApiWatchEvent) => void;

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The semantics of kube-apiserver's generic registry over the {@link ObjectStore}: defaults
 * and system metadata on create, optimistic concurrency on `resourceVersion`, status
 * subresources, generation, server-side apply with managed fields, finalizers, and garbage
 * collection of dependents through owner references.
 */
export class ResourceApi {
  private readonly listeners: WriteListener[] = [];
  private readonly validators: ((type: ResourceType, object: KubeObject) => void)[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly typeOfOwner: (apiVersion: string, kind: string) => ResourceType | undefined,
    private readonly allTypes: () => readonly ResourceType[],
  ) {}

  onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  /** Adds a check every stored object must pass (it throws an `ApiError` to refuse the write). */
  onValidate(validator: (type: ResourceType, object: KubeObject) => void): void {
    this.validators.push(validator);
  }

  /** RFC 3339 seconds, as `metav1.Time` is written. */
  timestamp(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.store.get(storageKey(type), objectKey(ns(type, namespace), name));
    if (!found) throw notFound(qualifiedResource(type), name, type.group, type.kind);
    return this.present(type, found);
  }

  list(
    type: ResourceType,
    namespace: string | undefined,
    matches: (object: KubeObject) => boolean = () => true,
  ): { items: KubeObject[]; resourceVersion: string } {
    const resourceVersion = String(this.store.currentRevision());
    const items = this.store
      .list(
        storageKey(type),
        (o) => (namespace === undefined || o.metadata.namespace === namespace) && matches(o),
      )
      .map((o) => this.present(type, o));
    return { items, resourceVersion };
  }

  /**
   * Watches changes after `resourceVersion` (a number); `''` or `'0'` first sends the current
   * objects as ADDED. Throws a 410 `ApiError` when that version was compacted.
   */
  watch(
    type: ResourceType,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    matches: (object: KubeObject) => boolean,
    deliver: (event: ApiWatchEvent) => void,
  ): () => void {
    const inNamespace = (o: KubeObject) =>
      (namespace === undefined || o.metadata.namespace === namespace) && matches(o);
    let from: number;
    if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') {
      from = this.store.currentRevision();
      for (const object of this.store.list(storageKey(type), inNamespace))
        deliver({ type: 'ADDED', object: this.present(type, object) });
    } else {
      from = Number(resourceVersion);
      if (!Number.isInteger(from) || from < 0)
        throw badRequest(
          `resourceVersion: Invalid value: "${resourceVersion}": must be a non-negative integer`,
        );
    }
    try {
      return this.store.watch(storageKey(type), from, inNamespace, (event) =>
        deliver({ type: event.type, object: this.present(type, event.object) }),
      );
    } catch (error) {
      if (error instanceof ResourceVersionTooOldError) throw expired(error.message);
      throw error;
    }
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const object = this.checkBody(type, namespace, body);
    if (!object.metadata.name && typeof object.metadata.generateName === 'string') {
      object.metadata.name = `${object.metadata.generateName}${randomUUID().slice(0, 5)}`;
    }
    this.checkName(type, object);
    this.checkNamespaceExists(type, object.metadata.namespace);
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    if (this.store.get(storageKey(type), key))
      throw alreadyExists(qualifiedResource(type), object.metadata.name, type.group, type.kind);
    for (const field of [
      'resourceVersion',
      'uid',
      'deletionTimestamp',
      'managedFields',
      'selfLink',
    ])
      delete object.metadata[field];
    object.metadata.uid = randomUUID();
    object.metadata.creationTimestamp = this.timestamp();
    if (type.generation) object.metadata.generation = 1;
    if (type.status && type.kind !== 'Node') delete object.status;
    if (type.kind === 'Namespace') object.status = { phase: 'Active' };
    const recorded = recordUpdate(undefined, object, this.context(type, options.manager, 'main'));
    return this.commit(type, undefined, recorded);
  }

  /** PUT: replaces the object (or, with scope `status`, only its status). */
  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const scope = options.scope ?? 'main';
    const object = this.checkBody(type, namespace, body);
    checkUrlName(object, name);
    const live = this.get(type, namespace, name);
    const wanted = object.metadata.resourceVersion;
    if (wanted === undefined || wanted === '') {
      if (type.requireResourceVersionOnUpdate)
        throw invalid(type.kind, name, type.group, [
          {
            field: 'metadata.resourceVersion',
            message: 'Invalid value: 0x0: must be specified for an update',
          },
        ]);
    } else if (wanted !== live.metadata.resourceVersion) {
      throw conflict(qualifiedResource(type), name, type.group, type.kind, STALE_OBJECT);
    }
    return this.replace(type, live, object, this.context(type, options.manager, scope));
  }

  /** A patch already applied to the live object by the caller (merge, strategic or JSON patch). */
  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patched: (live: KubeObject) => KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const live = this.get(type, namespace, name);
    const object = this.checkBody(type, namespace, patched(clone(live)));
    const wanted = object.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== live.metadata.resourceVersion)
      throw conflict(qualifiedResource(type), name, type.group, type.kind, STALE_OBJECT);
    return this.replace(
      type,
      live,
      object,
      this.context(type, options.manager, options.scope ?? 'main'),
    );
  }

  /** Server-side apply: creates the object when missing. */
  apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    force: boolean,
    options: WriteOptions,
  ): KubeObject {
    const scope = options.scope ?? 'main';
    const applied = this.checkBody(type, namespace, body);
    checkUrlName(applied, name);
    const key = objectKey(applied.metadata.namespace, name);
    const stored = this.store.get(storageKey(type), key);
    const live = stored ? this.present(type, stored) : undefined;
    const wanted = applied.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== live?.metadata.resourceVersion)
      throw conflict(qualifiedResource(type), name, type.group, type.kind, STALE_OBJECT);
    for (const field of [
      'resourceVersion',
      'uid',
      'creationTimestamp',
      'generation',
      'managedFields',
      'selfLink',
    ])
      delete applied.metadata[field];
    if (scope === 'status') {
      for (const field of Object.keys(applied))
        if (!['apiVersion', 'kind', 'metadata', 'status'].includes(field)) delete applied[field];
    } else if (type.status) delete applied.status;
    const context = this.context(type, options.manager, scope);
    let merged: KubeObject;
    try {
      merged = serverSideApply(live, applied, force, context);
    } catch (error) {
      if (!(error instanceof ApplyConflictError)) throw error;
      throw new ApiError(409, 'Conflict', error.message, {
        name,
        group: type.group,
        kind: type.kind,
        causes: error.conflicts.flatMap((c) =>
          c.paths.map((field) => ({
            type: 'FieldManagerConflict',
            message: `conflict with "${c.manager}"`,
            field,
          })),
        ),
      });
    }
    if (!live) {
      this.checkName(type, merged);
      this.checkNamespaceExists(type, merged.metadata.namespace);
      merged.metadata.uid = randomUUID();
      merged.metadata.creationTimestamp = this.timestamp();
      if (type.generation) merged.metadata.generation = 1;
      if (type.kind === 'Namespace') merged.status = { phase: 'Active' };
      return this.commit(type, undefined, merged);
    }
    return this.commitChange(type, live, merged);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject {
    const live = this.get(type, namespace, name);
    const pre = options.preconditions;
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== live.metadata.resourceVersion)
      throw conflict(
        qualifiedResource(type),
        name,
        type.group,
        type.kind,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`,
      );
    if (pre?.uid !== undefined && pre.uid !== live.metadata.uid)
      throw conflict(
        qualifiedResource(type),
        name,
        type.group,
        type.kind,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${live.metadata.uid}`,
      );
    if ((live.metadata.finalizers?.length ?? 0) > 0) {
      if (live.metadata.deletionTimestamp) return live;
      const marked = clone(live);
      marked.metadata.deletionTimestamp = this.timestamp();
      marked.metadata.deletionGracePeriodSeconds = 0;
      return this.commit(type, live, marked);
    }
    return this.remove(type, live, options.propagationPolicy === 'Orphan');
  }

  /** Deletes `live` for good, then what it owned (unless orphaned) and, for a namespace, what it held. */
  private remove(type: ResourceType, live: KubeObject, orphan: boolean): KubeObject {
    const gone = this.store.remove(
      storageKey(type),
      objectKey(live.metadata.namespace, live.metadata.name),
    );
    if (!gone) return live;
    const presented = this.present(type, gone);
    this.emit(type, { type: 'DELETED', object: presented });
    if (type.kind === 'Namespace') this.emptyNamespace(live.metadata.name);
    this.collectDependents(live.metadata.uid as string, orphan);
    return presented;
  }

  private emptyNamespace(namespace: string): void {
    for (const type of this.uniqueStorages().filter((t) => t.namespaced)) {
      for (const object of this.store.list(
        storageKey(type),
        (o) => o.metadata.namespace === namespace,
      ))
        this.remove(type, object, false);
    }
  }

  private collectDependents(ownerUid: string, orphan: boolean): void {
    for (const type of this.uniqueStorages()) {
      const dependents = this.store.list(storageKey(type), (o) =>
        (o.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid),
      );
      for (const dependent of dependents) {
        const remaining = (dependent.metadata.ownerReferences ?? []).filter(
          (r) => r.uid !== ownerUid,
        );
        if (orphan || remaining.some((r) => this.ownerExists(r, dependent.metadata.namespace))) {
          const kept = clone(dependent);
          if (remaining.length > 0) kept.metadata.ownerReferences = remaining;
          else delete kept.metadata.ownerReferences;
          this.commit(type, dependent, kept);
        } else if ((dependent.metadata.finalizers?.length ?? 0) > 0) {
          const marked = clone(dependent);
          marked.metadata.deletionTimestamp ??= this.timestamp();
          this.commit(type, dependent, marked);
        } else this.remove(type, dependent, false);
      }
    }
  }

  private ownerExists(
    ref: { uid: string; kind: string; name: string; apiVersion: string },
    namespace?: string,
  ): boolean {
    const type = this.typeOfOwner(ref.apiVersion, ref.kind);
    if (!type) return false;
    const owner = this.store.get(
      storageKey(type),
      objectKey(type.namespaced ? namespace : undefined, ref.name),
    );
    return owner?.metadata.uid === ref.uid;
  }

  private uniqueStorages(): ResourceType[] {
    const seen = new Set<string>();
    return this.allTypes().filter((t) => {
      const key = storageKey(t);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private replace(
    type: ResourceType,
    live: KubeObject,
    object: KubeObject,
    context: WriteContext,
  ): KubeObject {
    let next: KubeObject;
    if (context.scope === 'status') {
      next = clone(live);
      if (object.status === undefined) delete next.status;
      else next.status = object.status;
    } else {
      next = clone(object);
      if (type.status) {
        if (live.status === undefined) delete next.status;
        else next.status = live.status;
      }
      for (const field of [
        'uid',
        'creationTimestamp',
        'generation',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
      ])
        if (live.metadata[field] === undefined) delete next.metadata[field];
        else next.metadata[field] = live.metadata[field];
    }
    next.metadata.managedFields = live.metadata.managedFields;
    return this.commitChange(type, live, recordUpdate(live, next, context));
  }

  /** Writes `next` unless it equals `live` (a no-op write keeps the version, as the real server does). */
  private commitChange(type: ResourceType, live: KubeObject, next: KubeObject): KubeObject {
    if (type.generation && !sameJson(specOf(live), specOf(next)))
      next.metadata.generation = (live.metadata.generation ?? 0) + 1;
    next.metadata.resourceVersion = live.metadata.resourceVersion;
    if (sameJson(withoutTimes(live), withoutTimes(next))) return live;
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers?.length ?? 0) === 0) {
      return this.remove(type, next, false);
    }
    return this.commit(type, live, next);
  }

  private commit(type: ResourceType, live: KubeObject | undefined, next: KubeObject): KubeObject {
    for (const validate of this.validators) validate(type, next);
    const stored = this.store.put(
      storageKey(type),
      objectKey(next.metadata.namespace, next.metadata.name),
      next,
    );
    const presented = this.present(type, stored);
    this.emit(type, { type: live ? 'MODIFIED' : 'ADDED', object: presented });
    return presented;
  }

  private emit(type: ResourceType, event: ApiWatchEvent): void {
    for (const listener of this.listeners) listener(type, event);
  }

  /** The object as this version of the type shows it. */
  private present(type: ResourceType, object: KubeObject): KubeObject {
    return { ...object, apiVersion: apiVersionOf(type), kind: type.kind };
  }

  private checkBody(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
  ): KubeObject {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('the request body must be a JSON or YAML object');
    const object = clone(body);
    if (typeof object.metadata !== 'object' || object.metadata === null)
      object.metadata = { name: '' };
    if (object.kind !== undefined && object.kind !== type.kind)
      throw badRequest(
        `the kind of the object (${String(object.kind)}) does not match the request (${type.kind})`,
      );
    if (object.apiVersion !== undefined && object.apiVersion !== apiVersionOf(type))
      throw badRequest(
        `the API version of the object (${String(object.apiVersion)}) does not match the request (${apiVersionOf(type)})`,
      );
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    if (type.namespaced) {
      if (object.metadata.namespace !== undefined && object.metadata.namespace !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      object.metadata.namespace = namespace;
    } else delete object.metadata.namespace;
    object.metadata.name ??= '';
    return object;
  }

  private checkName(type: ResourceType, object: KubeObject): void {
    const name = object.metadata.name;
    if (!name)
      throw invalid(type.kind, name, type.group, [
        { field: 'metadata.name', message: 'Required value: name or generateName is required' },
      ]);
    if (name.length > 253 || !NAME.test(name))
      throw invalid(type.kind, name, type.group, [
        {
          field: 'metadata.name',
          message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        },
      ]);
  }

  private checkNamespaceExists(type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced) return;
    if (!namespace) throw badRequest('a namespace is required for a namespaced resource');
    if (!this.store.get('/namespaces', objectKey(undefined, namespace)))
      throw notFound('namespaces', namespace, '', 'Namespace');
  }

  private context(type: ResourceType, manager: string, scope: WriteScope): WriteContext {
    return {
      manager,
      scope,
      apiVersion: apiVersionOf(type),
      time: this.timestamp(),
      schema: { listKeys: type.listKeys ?? {} },
    };
  }
}

function ns(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace : undefined;
}

function specOf(object: KubeObject): unknown {
  const { metadata: _metadata, status: _status, apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

function withoutTimes(object: KubeObject): unknown {
  const copy = clone(object);
  copy.metadata.managedFields = (copy.metadata.managedFields ?? []).map((e) => ({
    ...(e as Record<string, unknown>),
    time: undefined,
  }));
  return copy;
}

function checkUrlName(object: KubeObject, name: string): void {
  if (object.metadata.name !== name)
    throw badRequest(
      `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
    );
}
