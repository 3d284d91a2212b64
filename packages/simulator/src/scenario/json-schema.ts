import { z } from 'zod';
import type { SimulationFlavor } from '../flavor/simulation-flavor';
import { scenarioSchema } from './scenario-schema';

type JsonObject = Record<string, unknown>;

const options = { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' } as const;

/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the same zod schema that
 * validates them, with each flavour's workload fields (`placement`, `subscription`, ...) filled
 * in from the zod schemas the flavours validate them with. Shipped as
 * `@lifeboat/simulator/scenario.schema.json` for editors (generated with the CLI's flavours by
 * `tools/generate-scenario-schema.js`). It checks the shape only: cross references and the
 * flavour's settings are checked by `lifeboat validate`.
 * @public
 */
export function scenarioJsonSchema(flavors: readonly SimulationFlavor[] = []): JsonObject {
  const schema = z.toJSONSchema(scenarioSchema, options) as JsonObject;
  const workload = (((schema.properties as JsonObject).spec as JsonObject).properties as JsonObject)
    .workloads as JsonObject;
  const fields = (workload.items as JsonObject).properties as JsonObject;
  for (const flavor of flavors) {
    for (const [field, fieldSchema] of Object.entries(flavor.workloadSchemas ?? {})) {
      const { $schema: _ignored, ...generated } = z.toJSONSchema(
        fieldSchema,
        options,
      ) as JsonObject;
      const description = (fields[field] as JsonObject | undefined)?.description;
      fields[field] = { ...(description === undefined ? {} : { description }), ...generated };
    }
  }
  return {
    $schema: schema.$schema,
    $id: 'https://lifeboat.dev/schemas/scenario.schema.json',
    ...schema,
  };
}
