/** ConfigMaps and Secrets a pod spec needs, by name (in the pod's namespace). @public */
export interface PodReferences {
  readonly configMaps: ReadonlySet<string>;
  readonly secrets: ReadonlySet<string>;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter(isObject) : []);
const nameAt = (v: unknown, field = 'name'): string | undefined =>
  isObject(v) && typeof v[field] === 'string' && v[field] !== '' ? (v[field] as string) : undefined;

/**
 * Every ConfigMap and Secret a pod spec references, as Karmada's dependency interpreter finds them
 * for `propagateDeps`: volumes (`configMap`, `secret`, `projected` sources), `env[].valueFrom`
 * key references and `envFrom` of containers, init and ephemeral containers, and
 * `imagePullSecrets`.
 * @public
 */
export function podReferences(podSpec: unknown): PodReferences {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const add = (set: Set<string>, name: string | undefined): void => {
    if (name) set.add(name);
  };
  if (!isObject(podSpec)) return { configMaps, secrets };
  for (const volume of list(podSpec['volumes'])) {
    add(configMaps, nameAt(volume['configMap']));
    add(secrets, nameAt(volume['secret'], 'secretName'));
    const projected = volume['projected'];
    if (isObject(projected))
      for (const source of list(projected['sources'])) {
        add(configMaps, nameAt(source['configMap']));
        add(secrets, nameAt(source['secret']));
      }
  }
  const containers = [
    ...list(podSpec['containers']),
    ...list(podSpec['initContainers']),
    ...list(podSpec['ephemeralContainers']),
  ];
  for (const container of containers) {
    for (const variable of list(container['env'])) {
      const from = variable['valueFrom'];
      if (!isObject(from)) continue;
      add(configMaps, nameAt(from['configMapKeyRef']));
      add(secrets, nameAt(from['secretKeyRef']));
    }
    for (const source of list(container['envFrom'])) {
      add(configMaps, nameAt(source['configMapRef']));
      add(secrets, nameAt(source['secretRef']));
    }
  }
  for (const pullSecret of list(podSpec['imagePullSecrets'])) add(secrets, nameAt(pullSecret));
  return { configMaps, secrets };
}
