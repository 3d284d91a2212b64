/**
 * Object metadata shared by every stored kind, with Kubernetes names. `resourceVersion` is set by
 * the store and checked on update (optimistic concurrency). Times are ms since the epoch on the
 * controller's clock.
 * @public
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly resourceVersion?: string;
  readonly generation?: number;
  readonly creationTimestamp?: number;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the store key. @public */
export function objectKey(meta: Pick<ObjectMeta, 'name' | 'namespace'>): string {
  return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}
