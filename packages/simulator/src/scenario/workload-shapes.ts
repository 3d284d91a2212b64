import { ValidationError, type FieldIssue } from '@lifeboat/core';
import type { FlavorWorkload, SimulationFlavor } from '../flavor/simulation-flavor';

/** The label key of the affinity group that a workload and its feeds form. @public */
export const FEEDS_GROUP_KEY = 'lifeboat.dev/feeds-of';

/** One workload as the shape parser needs it. @public */
export interface WorkloadEntry {
  /** `spec.workloads[3]`. */
  readonly path: string;
  readonly name: string;
  readonly namespace: string;
  readonly kind: string;
  /** The flavour fields given (only those the flavour reads); empty when none is. */
  readonly fields: Readonly<Record<string, unknown>>;
}

function collect<T>(issues: FieldIssue[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

const identity = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/**
 * Each workload's flavour shape, in order (undefined where it has problems, which go to
 * `issues`). A shape's `feeds` name other workloads of the file by kind, namespace and name:
 * they give no flavour fields of their own, take the naming workload's shape, and all of them
 * join one affinity group (`lifeboat.dev/feeds-of=<name>`), so they are scheduled as one unit.
 * A workload named by no feed and giving no fields is parsed as the flavour parses an empty shape.
 * @public
 */
export function workloadShapes(
  entries: readonly WorkloadEntry[],
  flavor: Pick<SimulationFlavor, 'parseWorkload'>,
  issues: FieldIssue[],
): (FlavorWorkload | undefined)[] {
  const shapes: (FlavorWorkload | undefined)[] = entries.map((entry) =>
    Object.keys(entry.fields).length === 0
      ? undefined
      : collect(issues, () => flavor.parseWorkload(entry.fields, entry.path)),
  );
  const byIdentity = new Map(entries.map((e, i) => [identity(e.kind, e.namespace, e.name), i]));
  const fedBy = new Map<number, number>();
  entries.forEach((carrier, c) => {
    const shape = shapes[c];
    if (!shape?.feeds?.length) return;
    const group = { affinityGroup: `${FEEDS_GROUP_KEY}=${carrier.name}` };
    const carried: FlavorWorkload = {
      placement: shape.placement,
      ...(shape.failover ? { failover: shape.failover } : {}),
      ...(shape.annotations ? { annotations: shape.annotations } : {}),
      workloadAffinityGroups: group,
    };
    let joined = 0;
    for (const feed of shape.feeds) {
      const namespace = feed.namespace ?? carrier.namespace;
      const i = byIdentity.get(identity(feed.kind, namespace, feed.name));
      if (i === c) continue;
      const entry = i === undefined ? undefined : entries[i];
      if (i === undefined || !entry) {
        issues.push({
          path: feed.path,
          message: `no workload of kind ${feed.kind} named ${namespace}/${feed.name} in the file`,
        });
        continue;
      }
      const other = fedBy.get(i);
      if (Object.keys(entry.fields).length > 0 || other !== undefined) {
        issues.push({
          path: feed.path,
          message: `${namespace}/${feed.name} (${entry.path}) is already placed by ${other === undefined ? 'its own fields' : `${entries[other]?.path} as a feed`}; a workload belongs to one unit`,
        });
        continue;
      }
      fedBy.set(i, c);
      shapes[i] = carried;
      joined++;
    }
    if (joined > 0) shapes[c] = carried;
  });
  entries.forEach((entry, i) => {
    if (shapes[i] || fedBy.has(i) || Object.keys(entry.fields).length > 0) return;
    shapes[i] = collect(issues, () => flavor.parseWorkload(entry.fields, entry.path));
  });
  return shapes;
}
