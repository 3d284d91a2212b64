import { z } from 'zod';
import { scenarioSchema } from './scenario-schema';

/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the same zod schema that
 * validates them; shipped as `@lifeboat/simulator/scenario.schema.json` for editors. It checks
 * the shape only: cross references and the flavour's fields are checked by `lifeboat validate`.
 * @public
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: 'https://lifeboat.dev/schemas/scenario.schema.json', ...schema };
}
