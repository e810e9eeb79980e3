// `npm run screenshots`: runs the report page's browser test (a real standalone Driftwatch with a
// drifted model, Debian's headless Chromium) and the CLI's HTML tests, which write their
// screenshots under dist/screenshots/; then copies the README's picture to docs/images/.
// The committed image is refreshed by this script only, never by hand.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const shots = path.join(root, 'dist', 'screenshots');
const env = { ...process.env, NX_DAEMON: 'false', KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092' };
const run = (cwd, spec) => spawnSync('npx', ['vitest', 'run', spec], { cwd: path.join(root, cwd), stdio: 'inherit', env }).status;

fs.rmSync(shots, { recursive: true, force: true });
if (run('apps/standalone', 'test/report-page.e2e.spec.ts') !== 0) {
  process.stderr.write('driftwatch: the report page test failed (see above); is the broker running (`bash deploy/local/kafka.sh start`) and chromium installed?\n');
  process.exit(1);
}
// The CLI's test runs the built binary: build it first (cached when unchanged).
if (spawnSync('npx', ['nx', 'run', 'cli:build', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env }).status !== 0 || run('apps/cli', 'test/html-report.spec.ts') !== 0) {
  process.stderr.write('driftwatch: the CLI HTML report test failed (see above)\n');
  process.exit(1);
}
const images = path.join(root, 'docs', 'images');
fs.mkdirSync(images, { recursive: true });
for (const [from, to] of [
  ['report-page.png', 'report-page.png'],
  ['compare-report.png', 'compare-report.png'],
]) {
  fs.copyFileSync(path.join(shots, from), path.join(images, to));
  process.stdout.write(`driftwatch: ${path.relative(root, path.join(images, to))} refreshed from ${path.relative(root, path.join(shots, from))}\n`);
}
