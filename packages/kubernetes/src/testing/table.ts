import type { KubeObject } from './object-store';
import type { PrinterColumn, ResourceType } from './resource-types';

interface Column {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly cell: (object: KubeObject, now: number) => string | number;
}

const name: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const age: Column = {
  name: 'Age',
  type: 'string',
  cell: (o, now) => humanAge(now - Date.parse(o.metadata.creationTimestamp ?? '')),
};

type Status = Record<string, unknown>;
const status = (o: KubeObject): Status => (o.status ?? {}) as Status;
const spec = (o: KubeObject): Status => (o.spec ?? {}) as Status;
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The columns kube-apiserver prints for the kinds Lifeboat touches; Name and Age for the rest. */
const COLUMNS: Record<string, readonly Column[]> = {
  Deployment: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${count(status(o).readyReplicas)}/${count(spec(o).replicas ?? 1)}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => count(status(o).updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (o) => count(status(o).availableReplicas) },
    age,
  ],
  StatefulSet: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${count(status(o).readyReplicas)}/${count(spec(o).replicas ?? 1)}`,
    },
    age,
  ],
  Pod: [
    name,
    { name: 'Status', type: 'string', cell: (o) => String(status(o).phase ?? 'Pending') },
    age,
  ],
  Namespace: [
    name,
    { name: 'Status', type: 'string', cell: (o) => String(status(o).phase ?? 'Active') },
    age,
  ],
};

/** Whether a request's Accept header asks for the server-side printed form. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') ?? false;
}

/** A `meta.k8s.io/v1` Table of `objects`, rows carrying their object's metadata (or the whole object). */
export function toTable(
  objects: readonly KubeObject[],
  type: ResourceType,
  now: number,
  resourceVersion: string | undefined,
  includeObject: string | null,
): Record<string, unknown> {
  const columns = type.printerColumns
    ? [name, ...type.printerColumns.map(printerColumn)]
    : (COLUMNS[type.kind] ?? [name, age]);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: resourceVersion ? { resourceVersion } : {},
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: 0,
    })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o, now)),
      object:
        includeObject === 'Object'
          ? o
          : includeObject === 'None'
            ? undefined
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

/** kubectl's short durations: `42s`, `5m3s`, `3h`, `4d`. */
function humanAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** A CRD's additionalPrinterColumn: a JSONPath into the object (`.spec.region`, `[?(@.type=="Ready")]`). */
function printerColumn(column: PrinterColumn): Column {
  return {
    name: column.name,
    type: column.type === 'date' ? 'string' : column.type,
    cell: (o, now) => {
      const value = readPath(o, column.jsonPath);
      if (column.type === 'date')
        return typeof value === 'string' ? humanAge(now - Date.parse(value)) : '<unknown>';
      return value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : (value as string | number);
    },
  };
}

function readPath(object: unknown, path: string): unknown {
  let node: unknown = object;
  const steps = path.match(/\.[\w-]+|\[\?\(@\.[\w-]+==(?:"[^"]*"|'[^']*')\)\]|\[\d+\]/g) ?? [];
  for (const step of steps) {
    if (node === undefined || node === null) return undefined;
    if (step.startsWith('.')) node = (node as Record<string, unknown>)[step.slice(1)];
    else if (step.startsWith('[?')) {
      const [, field, quoted] = /^\[\?\(@\.([\w-]+)==(.*)\)\]$/.exec(step) as unknown as [
        string,
        string,
        string,
      ];
      const wanted = quoted.slice(1, -1);
      node = Array.isArray(node)
        ? node.find((item) => (item as Record<string, unknown>)?.[field] === wanted)
        : undefined;
    } else node = Array.isArray(node) ? node[Number(step.slice(1, -1))] : undefined;
  }
  return node;
}
