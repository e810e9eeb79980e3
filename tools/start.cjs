// `npm start`: Driftwatch in one process on this machine (embedded ClickHouse, local Kafka).
// Sets up what is missing (dependencies, build, the broker), then runs the standalone app in
// the foreground until Ctrl-C. Node built-ins only: this runs before `npm install` may have.
// package.json runs it as `exec node tools/start.cjs`: without `exec` a shell sits between npm and
// this process, dies at once of a SIGTERM sent to the process group, and npm exits with it while
// the app is still stopping (the terminal comes back early; a restart finds the data directory held).
//
// Environment: HTTP_PORT (default 8080), DRIFTWATCH_DATA_DIR (default ./.driftwatch),
// KAFKA_BROKERS (set: use that cluster, start no local broker), DRIFTWATCH_KAFKA_PORT (the
// local broker's port, default 9092), DRIFTWATCH_SKIP_BUILD=1 (run the existing build as is).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'apps', 'standalone', 'apps', 'standalone', 'src', 'main.js');
const env = { ...process.env, NX_DAEMON: 'false' };

function say(message) {
  process.stdout.write(`driftwatch: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`driftwatch: ${message}\n`);
  process.exit(1);
}

function run(what, command, args) {
  say(`${what}…`);
  const r = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (r.error) fail(`${what} failed: ${r.error.message}`);
  if (r.status !== 0) fail(`${what} failed (exit code ${r.status}); see the output above`);
}

process.chdir(ROOT);

// 1. Dependencies (their postinstall builds every project).
if (!fs.existsSync(path.join(ROOT, 'node_modules', '@nestjs', 'core'))) {
  run('installing dependencies (npm install)', 'npm', ['install', '--no-audit', '--no-fund']);
}

// 2. The build: Nx rebuilds only what changed, so sources edited since are never run stale.
if (env.DRIFTWATCH_SKIP_BUILD !== '1') {
  // The CLI too: `npx driftwatch` runs its build, which must not lag behind the service's.
  run('building', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'standalone', 'cli', '--outputStyle=static']);
}
if (!fs.existsSync(MAIN)) fail(`${path.relative(ROOT, MAIN)} is missing: run \`npm run build\``);

// 3. The local broker, unless KAFKA_BROKERS points elsewhere.
let brokerNote = '';
if (env.KAFKA_BROKERS) {
  say(`using the Kafka cluster at ${env.KAFKA_BROKERS}`);
} else {
  const port = env.DRIFTWATCH_KAFKA_PORT || '9092';
  run(`starting the local Kafka broker on 127.0.0.1:${port} (deploy/local/kafka.sh)`, 'bash', [path.join('deploy', 'local', 'kafka.sh'), 'start']);
  env.KAFKA_BROKERS = `127.0.0.1:${port}`;
  brokerNote = '; the Kafka broker keeps running: stop it with `bash deploy/local/kafka.sh stop`';
}

// 4. The app in the foreground.
const httpPort = env.HTTP_PORT || '8080';
// HTTP_HOST (default 127.0.0.1) is where the app listens; "every interface" includes loopback.
const host = !env.HTTP_HOST || ['0.0.0.0', '::', '[::]'].includes(env.HTTP_HOST.trim()) ? '127.0.0.1' : env.HTTP_HOST.trim();
const base = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${httpPort}`;
const app = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: 'inherit' });
let stopping = false;

// The first stop signal is passed on as one SIGTERM, then this waits for the app. Sent to the
// process group (Ctrl-C, systemd, `kill -TERM -<pgid>`) the signal reaches the app directly as
// well (and this process again through npm): the app takes a repeated SIGTERM for the same
// request, and only a second SIGINT (Ctrl-C pressed again) as "exit now". Sent to this process
// alone (`kill <pid>`), the forwarded SIGTERM is the app's only one.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopping && app.exitCode === null) app.kill('SIGTERM');
    stopping = true;
  });
}

app.on('exit', (code, signal) => {
  if (stopping || code === 0) say(`stopped${brokerNote}`);
  process.exit(code ?? (signal ? 1 : 0));
});

// The banner once the API answers, so the address shown is one that works.
const started = Date.now();
(function announceWhenLive() {
  if (stopping || app.exitCode !== null) return;
  const req = http.get(`${base}/health/live`, (res) => {
    res.resume();
    if (res.statusCode === 200) {
      say(`Driftwatch is running: report page ${base}/, API ${base}/api, docs ${base}/api/docs (UI ${base}/api/docs/ui), health ${base}/health/ready, metrics ${base}/metrics`);
      say(`Ctrl-C stops it${brokerNote}`);
    } else setTimeout(announceWhenLive, 250);
  });
  req.on('error', () => {
    if (Date.now() - started < 120_000) setTimeout(announceWhenLive, 250);
  });
  req.setTimeout(2_000, () => req.destroy());
})();
