import type { KubeObject } from './object-store';

type Schema = Record<string, unknown>;
type Json = Record<string, unknown>;

/** A field the schema refuses, as kube-apiserver names it (`spec.replicas`). */
export interface SchemaProblem {
  readonly field: string;
  readonly message: string;
}

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What kube-apiserver does with a custom resource before storing it: drops fields its
 * structural schema does not name (unless `x-kubernetes-preserve-unknown-fields`), then checks
 * types, enums and required fields. Pruning happens in place; problems are returned.
 */
export function pruneAndValidate(object: KubeObject, schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!isMap(schema)) return problems;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of Object.keys(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
    const child = properties[key];
    if (child) object[key] = walk(object[key], child, key, problems);
    else if (schema['x-kubernetes-preserve-unknown-fields'] !== true) delete object[key];
  }
  for (const key of (schema.required ?? []) as string[])
    if (object[key] === undefined) problems.push({ field: key, message: 'Required value' });
  return problems;
}

function walk(value: unknown, schema: Schema, path: string, problems: SchemaProblem[]): unknown {
  if (value === null) {
    if (schema.nullable !== true)
      problems.push({
        field: path,
        message: `Invalid value: "null": ${path} in body must be of type ${String(schema.type ?? 'object')}`,
      });
    return value;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (typeof value !== 'string' && !Number.isInteger(value))
      problems.push({
        field: path,
        message: `Invalid value: ${JSON.stringify(value)}: ${path} in body must be of type int-or-string`,
      });
    return value;
  }
  const type = schema.type as string | undefined;
  if (type && !hasType(value, type)) {
    problems.push({
      field: path,
      message: `Invalid value: ${JSON.stringify(value)}: ${path} in body must be of type ${type}`,
    });
    return value;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push({
      field: path,
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`,
    });
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    return items ? value.map((item, i) => walk(item, items, `${path}[${i}]`, problems)) : value;
  }
  if (!isMap(value)) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const properties = schema.properties as Record<string, Schema> | undefined;
  const additional = isMap(schema.additionalProperties)
    ? (schema.additionalProperties as Schema)
    : undefined;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties?.[key] ?? additional;
    if (childSchema) out[key] = walk(child, childSchema, `${path}.${key}`, problems);
    else if (preserve) out[key] = child;
  }
  for (const key of (schema.required ?? []) as string[])
    if (out[key] === undefined)
      problems.push({ field: `${path}.${key}`, message: 'Required value' });
  return out;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isMap(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}
