import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from '@lifeboat/simulator';
import { SIMULATION_FLAVORS } from './simulation-flavors';

describe('the JSON Schema shipped in @lifeboat/simulator', () => {
  const shipped = readFileSync(
    join(__dirname, '..', '..', '..', 'simulator', 'scenario.schema.json'),
    'utf8',
  );

  it('is what the zod schemas generate (after a build: node tools/generate-scenario-schema.js)', () => {
    expect(shipped).toBe(`${JSON.stringify(scenarioJsonSchema(SIMULATION_FLAVORS), null, 2)}\n`);
  });

  it('describes the Karmada and Clusternet workload shapes, so editors complete them', () => {
    const fields = JSON.parse(shipped).properties.spec.properties.workloads.items.properties;
    expect(Object.keys(fields.placement.properties)).toEqual(
      expect.arrayContaining(['clusterAffinity', 'replicaScheduling']),
    );
    expect(Object.keys(fields.failover.properties)).toEqual(expect.arrayContaining(['cluster']));
    expect(Object.keys(fields.subscription.properties)).toEqual(
      expect.arrayContaining(['subscribers', 'schedulingStrategy']),
    );
  });
});
