import { z } from 'zod';
import type { SimulationFlavor } from '../flavor/simulation-flavor';
import { testDoubleFlavor } from '../testing/test-double-flavor';
import { scenarioJsonSchema } from './json-schema';

type Schema = Record<string, any>;
const workloadFields = (schema: Schema) =>
  schema.properties.spec.properties.workloads.items.properties;

describe('scenarioJsonSchema', () => {
  it('lets editors complete the event actions and refuse unknown fields', () => {
    const schema: Schema = scenarioJsonSchema();
    const variants: Schema[] =
      schema.properties.spec.properties.events.items.oneOf ??
      schema.properties.spec.properties.events.items.anyOf;
    expect(variants.map((v) => v.properties.action.const)).toEqual([
      'fail',
      'recover',
      'degrade',
      'cordon',
      'uncordon',
      'scale',
      'unhealthy',
    ]);
    expect(schema.properties.spec.additionalProperties).toBe(false);
    expect(schema.properties.spec.required).toEqual(
      expect.arrayContaining(['flavor', 'duration', 'clusters', 'workloads']),
    );
  });

  it('leaves flavour fields open without flavours and fills them in from each flavour', () => {
    expect(workloadFields(scenarioJsonSchema()).placement).toMatchObject({
      type: 'object',
      additionalProperties: {},
    });
    const flavor: SimulationFlavor = {
      ...testDoubleFlavor,
      workloadSchemas: { placement: z.strictObject({ clusterNames: z.array(z.string()) }) },
    };
    expect(workloadFields(scenarioJsonSchema([flavor])).placement).toEqual({
      description: 'karmada: the PropagationPolicy spec.placement.',
      type: 'object',
      properties: { clusterNames: { type: 'array', items: { type: 'string' } } },
      required: ['clusterNames'],
      additionalProperties: false,
    });
  });
});
