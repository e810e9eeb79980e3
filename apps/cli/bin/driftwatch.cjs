#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm install` (postinstall) into dist/; run `npm run build` after editing its sources.
const path = require('node:path');
const entry = path.join(__dirname, '..', '..', '..', 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
try {
  require.resolve(entry);
} catch {
  process.stderr.write(`driftwatch: not built yet (${entry} is missing); run \`npm run build\` at the repository root\n`);
  process.exit(2);
}
require(entry);
