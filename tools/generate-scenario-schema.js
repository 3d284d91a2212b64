#!/usr/bin/env node
// Writes packages/simulator/scenario.schema.json from the simulator's zod schema (build the
// simulator first: npx tsc -p packages/simulator/tsconfig.build.json). A simulator test fails
// when the committed file differs from what this writes.
const fs = require('node:fs');
const path = require('node:path');
const { scenarioJsonSchema } = require('../packages/simulator/dist/index.js');

const target = path.join(__dirname, '..', 'packages', 'simulator', 'scenario.schema.json');
fs.writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
