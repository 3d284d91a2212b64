import { Quantity, ValidationError } from '@lifeboat/core';
import { z } from 'zod';

/**
 * A Kubernetes quantity (`500m`, `32Gi`, `110`), checked with core's `Quantity` and kept as
 * written; the fleet parses it again when it builds the members.
 * @public
 */
export const quantitySchema = z
  .union([z.string(), z.number()])
  .meta({
    description: 'A Kubernetes quantity such as 500m, 2, 1.5Gi or 1e3.',
    examples: ['500m', '32Gi', 110],
  })
  .superRefine((value, ctx) => {
    try {
      const q = Quantity.parse(value);
      if (q.nanos < 0n)
        ctx.addIssue({
          code: 'custom',
          message: `quantity "${String(value)}" must not be negative`,
        });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    }
  });

/** A resource list: resource name to quantity. @public */
export const resourceListSchema = z.record(z.string().min(1), quantitySchema);
