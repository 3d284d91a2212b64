import { apiVersionOf, BUILT_IN_RESOURCE_TYPES, type ResourceType } from './resource-types';

/**
 * The resource types the double serves right now: the built-in ones plus one per served
 * version of every established CustomResourceDefinition.
 */
export class ResourceRegistry {
  private readonly custom = new Map<string, readonly ResourceType[]>();

  all(): ResourceType[] {
    return [...BUILT_IN_RESOURCE_TYPES, ...[...this.custom.values()].flat()];
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.all().find(
      (t) => t.group === group && t.version === version && t.resource === resource,
    );
  }

  /** The types of one group version. */
  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.version === version);
  }

  findKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  /** Group versions in the order discovery lists them (built-in groups first). */
  groupVersions(): { group: string; versions: string[] }[] {
    const groups = new Map<string, string[]>();
    for (const type of this.all()) {
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return [...groups].map(([group, versions]) => ({ group, versions }));
  }

  /** Replaces the types a CRD (named `crdName`) serves; none removes them. */
  setCustom(crdName: string, types: readonly ResourceType[]): void {
    if (types.length === 0) this.custom.delete(crdName);
    else this.custom.set(crdName, types);
  }
}

/** Where a type's objects are stored: versions of one resource share storage. */
export function storageKey(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return `${type.group}/${type.resource}`;
}
