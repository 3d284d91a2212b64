import type { FailoverBehavior, Placement } from '@lifeboat/core';
import { parseWith } from '@lifeboat/core';
import { failoverSchema } from './failover-schema';
import { placementSchema } from './placement-schema';

/**
 * Parses a PropagationPolicy `spec.placement` object (as read from YAML). Throws core's
 * `ValidationError` with one issue per problem, each path starting at `path`.
 * @public
 */
export function parsePlacement(input: unknown, path = 'placement'): Placement {
  return parseWith(placementSchema, input, path);
}

/**
 * Parses a PropagationPolicy `spec.failover` object (as read from YAML). Throws core's
 * `ValidationError` with one issue per problem, each path starting at `path`.
 * @public
 */
export function parseFailover(input: unknown, path = 'failover'): FailoverBehavior {
  return parseWith(failoverSchema, input, path);
}
