import { z } from 'zod';

/** A gate a flavour knows, with its default and maturity. @public */
export interface FeatureSpec {
  readonly default: boolean;
  readonly stage?: 'Alpha' | 'Beta' | 'GA';
}

/**
 * The options schema of a flavour's `featureGates`, built from its gate list so the list is the
 * one place that says which gates exist and what they default to: every gate is an optional
 * boolean defaulting to its spec, and an unknown gate is an error naming its path.
 * @public
 */
export function featureGatesSchema<const G extends Readonly<Record<string, FeatureSpec>>>(
  gates: G,
) {
  const shape = Object.fromEntries(
    Object.entries(gates).map(([name, spec]) => [name, z.boolean().default(spec.default)]),
  ) as { [K in keyof G]: z.ZodDefault<z.ZodBoolean> };
  const schema = z.strictObject(shape);
  // Every gate has a default, so an absent `featureGates` is the empty object.
  return schema.prefault({} as z.input<typeof schema>);
}
