/**
 * Sets of fields, as server-side apply tracks ownership in `metadata.managedFields`
 * (structured-merge-diff's FieldsV1 encoding): `f:name` a map field, `k:{"name":"web"}` an
 * item of a keyed list, `v:"x"` an item of a set list, `.` the item itself. A node is a
 * *member* when the field itself is owned; maps are never members, only their leaves.
 */
export class FieldSet {
  readonly children = new Map<string, FieldSet>();
  member = false;

  /** Decodes a `fieldsV1` object; `{}` is a leaf below the root and the empty set at it. */
  static fromFieldsV1(encoded: unknown, root = true): FieldSet {
    const set = new FieldSet();
    const entries = Object.entries((encoded ?? {}) as Record<string, unknown>);
    if (entries.length === 0 && !root) set.member = true;
    for (const [key, child] of entries) {
      if (key === '.') set.member = true;
      else set.children.set(key, FieldSet.fromFieldsV1(child, false));
    }
    return set;
  }

  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const key of [...this.children.keys()].sort()) {
      out[key] = (this.children.get(key) as FieldSet).toFieldsV1();
    }
    return out;
  }

  isEmpty(): boolean {
    return !this.member && this.children.size === 0;
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member || other.member;
    for (const key of new Set([...this.children.keys(), ...other.children.keys()])) {
      const a = this.children.get(key);
      const b = other.children.get(key);
      out.children.set(key, a && b ? a.union(b) : ((a ?? b) as FieldSet).copy());
    }
    return out;
  }

  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [key, child] of this.children) {
      const theirs = other.children.get(key);
      const rest = theirs ? child.difference(theirs) : child.copy();
      if (!rest.isEmpty()) out.children.set(key, rest);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [key, child] of this.children) {
      const theirs = other.children.get(key);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.isEmpty()) out.children.set(key, both);
    }
    return out;
  }

  copy(): FieldSet {
    return this.union(new FieldSet());
  }

  /** Every member as a path like `.spec.template.spec.containers[name="web"].image`. */
  paths(prefix = ''): string[] {
    const out = this.member && prefix ? [prefix] : [];
    for (const key of [...this.children.keys()].sort()) {
      out.push(...(this.children.get(key) as FieldSet).paths(prefix + renderElement(key)));
    }
    return out;
  }
}

function renderElement(key: string): string {
  const body = key.slice(2);
  if (key.startsWith('f:')) return `.${body}`;
  if (key.startsWith('k:')) {
    const fields = Object.entries(JSON.parse(body) as Record<string, unknown>);
    return `[${fields.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
  }
  return `[=${body}]`;
}
