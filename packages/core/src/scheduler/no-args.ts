import { z } from 'zod';
import { parseWith } from '../validation/parse';

const noArgs = z.strictObject({}).optional();

/**
 * For the factory of a plugin that takes no arguments: anything but no args (or `{}`) is a
 * `ValidationError` at its field path, which the framework reports under the profile's
 * `pluginConfig[i].args`, so a misspelled argument is not silently ignored.
 * @public
 */
export function expectNoArgs(args: unknown): void {
  parseWith(noArgs, args);
}
