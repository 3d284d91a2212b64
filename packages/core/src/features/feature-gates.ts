import { token } from '../contracts/token';
import { ValidationError, type FieldIssue } from '../errors/validation-error';

/** A gate a component knows, with its default and maturity. @public */
export interface FeatureSpec {
  readonly default: boolean;
  readonly stage?: 'Alpha' | 'Beta' | 'GA';
}

/**
 * Feature gates in Kubernetes style. Only known gates can be set; `Failover=true,GracefulEviction=false`
 * and `{Failover: true}` are both accepted; an unknown gate or a value other than true/false is a
 * {@link ValidationError} naming it.
 * @public
 */
export class FeatureGates {
  private readonly values = new Map<string, boolean>();

  constructor(readonly known: Readonly<Record<string, FeatureSpec>>) {
    for (const [name, spec] of Object.entries(known)) this.values.set(name, spec.default);
  }

  enabled(name: string): boolean {
    const value = this.values.get(name);
    if (value === undefined) throw new RangeError(`unknown feature gate "${name}"`);
    return value;
  }

  /** A copy with `settings` applied; all problems are reported at once and nothing is applied on error. */
  with(settings: string | Readonly<Record<string, unknown>>, path = 'featureGates'): FeatureGates {
    const pairs =
      typeof settings === 'string'
        ? parseGateList(settings, path)
        : Object.entries(settings).map(([k, v]) => ({ name: k, value: v, path: `${path}.${k}` }));
    const issues: FieldIssue[] = [];
    const next = new FeatureGates(this.known);
    for (const [name, value] of this.values) next.values.set(name, value);
    for (const { name, value, path: at } of pairs) {
      if (!this.values.has(name)) {
        issues.push({
          path: at,
          message: `unknown feature gate "${name}"; known gates: ${Object.keys(this.known).sort().join(', ')}`,
        });
        continue;
      }
      const parsed =
        value === true || value === 'true'
          ? true
          : value === false || value === 'false'
            ? false
            : undefined;
      if (parsed === undefined) {
        issues.push({
          path: at,
          message: `feature gate "${name}" must be true or false, got ${JSON.stringify(value)}`,
        });
        continue;
      }
      next.values.set(name, parsed);
    }
    if (issues.length) throw new ValidationError(issues);
    return next;
  }

  /** Current values, by gate name in name order. */
  toJSON(): Record<string, boolean> {
    return Object.fromEntries([...this.values].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** `A=true,B=false`, in name order. */
  toString(): string {
    return Object.entries(this.toJSON())
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  }
}

function parseGateList(
  list: string,
  path: string,
): { name: string; value: unknown; path: string }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq).trim();
      return {
        name,
        value: eq < 0 ? undefined : pair.slice(eq + 1).trim(),
        path: `${path}.${name}`,
      };
    });
}

/** The feature gates in force (a flavour registers its gates with their defaults). @public */
export const FEATURE_GATES = token<FeatureGates>('FeatureGates');
