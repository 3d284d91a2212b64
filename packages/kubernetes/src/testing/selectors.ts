import type { KubeObject } from './object-store';

/** A parse failure of a label or field selector; the server answers 400 Bad Request. */
export class SelectorError extends Error {}

type Requirement = (labels: Record<string, string>) => boolean;

/**
 * Parses a label selector as kube-apiserver accepts it: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a` (exists) and `!a` (does not exist), joined by commas.
 */
export function parseLabelSelector(text: string | undefined): (object: KubeObject) => boolean {
  const requirements = splitTopLevel(text ?? '').map(parseRequirement);
  return (object) => {
    const labels = object.metadata.labels ?? {};
    return requirements.every((r) => r(labels));
  };
}

/** Parses a field selector; the double knows `metadata.name` and `metadata.namespace` (with `=`, `==`, `!=`). */
export function parseFieldSelector(text: string | undefined): (object: KubeObject) => boolean {
  const tests = splitTopLevel(text ?? '').map((term) => {
    const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid field selector: "${term}"`);
    const [, field, op, value] = match as unknown as [string, string, string, string];
    const read = FIELDS[field];
    if (!read) throw new SelectorError(`field label not supported: ${field}`);
    return (object: KubeObject) => (read(object) === value) === (op !== '!=');
  });
  return (object) => tests.every((t) => t(object));
}

const FIELDS: Record<string, (object: KubeObject) => string> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

function splitTopLevel(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) terms.push(current.trim());
  return terms.filter((t) => t.length > 0);
}

function parseRequirement(term: string): Requirement {
  let match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (match) {
    const [, key, op, list] = match as unknown as [string, string, string, string];
    const values = new Set(list.split(',').map((v) => v.trim()));
    return op === 'in'
      ? (labels) => key in labels && values.has(labels[key] as string)
      : (labels) => !(key in labels) || !values.has(labels[key] as string);
  }
  match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (match) {
    const [, key, op, value] = match as unknown as [string, string, string, string];
    return op === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
  }
  match = /^(!?)([\w./-]+)$/.exec(term);
  if (match) {
    const [, not, key] = match as unknown as [string, string, string];
    return not ? (labels) => !(key in labels) : (labels) => key in labels;
  }
  throw new SelectorError(`unable to parse requirement: "${term}"`);
}
