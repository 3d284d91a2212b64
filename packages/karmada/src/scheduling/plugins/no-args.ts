import { parseWith } from '@lifeboat/core';
import { z } from 'zod';

const noArgs = z.strictObject({}).optional();

/** Karmada's in-tree plugins take no arguments; anything given is an error naming the plugin. @internal */
export function expectNoArgs(plugin: string, args: unknown): void {
  parseWith(noArgs, args, `pluginConfig[${plugin}].args`);
}
