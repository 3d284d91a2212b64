import { Quantity } from './quantity';

/** Well-known resource names. @public */
export const ResourceName = {
  cpu: 'cpu',
  memory: 'memory',
  pods: 'pods',
} as const;

/** Amounts per resource name, as Kubernetes `ResourceList`. @public */
export type ResourceList = Readonly<Record<string, Quantity>>;

/** Parses `{cpu: "500m", memory: "1Gi"}`; field errors name `path.<resource>`. @public */
export function parseResourceList(
  input: Readonly<Record<string, string | number>>,
  path = '',
): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [name, raw] of Object.entries(input)) {
    out[name] = Quantity.parse(raw, path ? `${path}.${name}` : name);
  }
  return out;
}

/** Sum of two lists, resource by resource. @public */
export function addResources(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) out[name] = (out[name] ?? Quantity.zero).add(q);
  return out;
}

/** `a - b` for the resources in `a` (what is left once `b` is taken). @public */
export function subtractResources(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) {
    const have = out[name];
    if (have) out[name] = have.sub(q);
  }
  return out;
}

/** Whether two lists hold the same amounts (a resource one of them lacks counts as zero). @public */
export function sameResources(a: ResourceList, b: ResourceList): boolean {
  for (const name of Object.keys(a))
    if ((a[name]?.nanos ?? 0n) !== (b[name]?.nanos ?? 0n)) return false;
  for (const name of Object.keys(b))
    if (!(name in a) && (b[name]?.nanos ?? 0n) !== 0n) return false;
  return true;
}

/** `request` times `n`. @public */
export function scaleResources(request: ResourceList, n: number): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [name, q] of Object.entries(request)) out[name] = q.times(n);
  return out;
}

/**
 * How many copies of `request` fit into `available`: the minimum over the requested resources
 * that `available` lists. Resources `available` does not list are not limiting; an empty request
 * fits without bound (`Infinity`). Pods count one per replica when `available` lists `pods`.
 * @public
 */
export function replicasThatFit(available: ResourceList, request: ResourceList): number {
  let fit = Number.POSITIVE_INFINITY;
  const pods = available[ResourceName.pods];
  if (pods) fit = Math.max(0, Number(pods.value()));
  for (const [name, perReplica] of Object.entries(request)) {
    if (name === ResourceName.pods || perReplica.nanos <= 0n) continue;
    const have = available[name];
    if (!have) continue;
    fit = Math.min(fit, Number(have.divideFloor(perReplica)));
  }
  return fit;
}
