#!/usr/bin/env node
// The installed `lifeboat` command: runs the compiled CLI.
const path = require('node:path');

const main = path.join(__dirname, '..', 'dist', 'main.js');
try {
  require.resolve(main);
} catch {
  // In a fresh clone of the repository the workspace bin exists before anything is built.
  process.stderr.write(
    'lifeboat: the CLI is not built yet; run `npm run build` (or `npm start`) in the repository first\n',
  );
  process.exit(1);
}
require(main);
