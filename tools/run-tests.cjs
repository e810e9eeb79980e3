// `npm test`: every project's tests through Nx, then one summary line over all of them
// (vitest prints one summary per project; CI and people want the total). On a fresh clone
// it installs first, and the integration tests get the local Kafka broker unless
// KAFKA_BROKERS names one: started here if it is not running, and stopped again after.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const resultsDir = path.join(root, 'dist', 'test-results');
const sh = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root }).status;

if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'nx'))) {
  process.stdout.write('driftwatch: installing dependencies first (npm install)\n');
  if (sh('npm', ['install', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

let startedBroker = false;
if (!process.env.KAFKA_BROKERS) {
  const kafka = path.join(root, 'deploy', 'local', 'kafka.sh');
  if (spawnSync('bash', [kafka, 'status'], { cwd: root, stdio: 'ignore' }).status !== 0) {
    if (sh('bash', [kafka, 'start']) !== 0) {
      process.stderr.write('driftwatch: the local Kafka broker did not start (see above); set KAFKA_BROKERS to use another\n');
      process.exit(1);
    }
    startedBroker = true;
  }
}

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
if (startedBroker) sh('bash', [path.join(root, 'deploy', 'local', 'kafka.sh'), 'stop']);
process.stdout.write(`\nAll projects (${files.length} with tests):\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
