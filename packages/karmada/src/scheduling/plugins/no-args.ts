import { parseWith } from '@lifeboat/core';
import { z } from 'zod';

const noArgs = z.strictObject({}).optional();

/**
 * Karmada's in-tree plugins take no arguments; anything given is an error, which the framework
 * reports at the profile's `pluginConfig[i].args`.
 * @internal
 */
export function expectNoArgs(args: unknown): void {
  parseWith(noArgs, args);
}
