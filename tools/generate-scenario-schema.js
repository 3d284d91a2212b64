#!/usr/bin/env node
// Writes packages/simulator/scenario.schema.json from the simulator's zod schema, with the
// workload fields of every flavour the CLI ships (build first: npm run build). A CLI test fails
// when the committed file differs from what this writes.
const fs = require('node:fs');
const path = require('node:path');
const { scenarioJsonSchema } = require('../packages/simulator/dist/index.js');
const { SIMULATION_FLAVORS } = require('../packages/cli/dist/index.js');

const target = path.join(__dirname, '..', 'packages', 'simulator', 'scenario.schema.json');
fs.writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(SIMULATION_FLAVORS), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
