import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from './json-schema';

describe('the shipped JSON Schema', () => {
  it('is what the zod schema generates (regenerate with node tools/generate-scenario-schema.js after a build)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it('lets editors complete the event actions and refuse unknown fields', () => {
    const schema = scenarioJsonSchema() as { properties: { spec: { properties: { events: { items: { oneOf?: { properties: { action: { const: string } } }[]; anyOf?: { properties: { action: { const: string } } }[] } } }; additionalProperties: boolean } } };
    const variants = schema.properties.spec.properties.events.items.oneOf ?? schema.properties.spec.properties.events.items.anyOf ?? [];
    expect(variants.map((v) => v.properties.action.const)).toEqual(['fail', 'recover', 'degrade', 'cordon', 'uncordon', 'scale', 'unhealthy']);
    expect(schema.properties.spec.additionalProperties).toBe(false);
  });
});
