// `npm test`: every project's tests through Nx, then one summary line over all of them
// (vitest prints one summary per project; CI and people want the total).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const resultsDir = path.join(__dirname, '..', 'dist', 'test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });

const extra = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', ...extra],
  { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but still failed.
  failed += (report.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}
process.stdout.write(`\nAll projects (${files.length} with tests):\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
