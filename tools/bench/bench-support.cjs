// Pieces every benchmark script needs: compiling the app it runs, and seeded data so that
// two runs measure the same work.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Compiles apps/<app> into dist/ the way its Nx build target does. */
function buildApp(app) {
  process.stdout.write(`building apps/${app}…\n`);
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
  const tsconfig = `apps/${app}/tsconfig.app.json`;
  execFileSync(bin('tsc'), ['-p', tsconfig], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(bin('tsc-alias'), ['-p', tsconfig], { cwd: ROOT, stdio: 'inherit' });
}

/** mulberry32 uniforms and Box–Muller normals. */
function generator(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/**
 * The environment of one run of the pipeline on its own topics, consumer groups and data
 * directory, so runs never see each other's data. Retention is ten years: benchmarks stamp
 * events on fixed dates, which the default retention would expire.
 */
function isolatedEnv(base, dataDir, extra = {}) {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    DRIFTWATCH_DATA_DIR: dataDir,
    DRIFTWATCH_CONSUMER_GROUP_PREFIX: base,
    DRIFTWATCH_TOPIC_EVENTS: `${base}.events`,
    DRIFTWATCH_TOPIC_LABELS: `${base}.labels`,
    DRIFTWATCH_TOPIC_WINDOWS: `${base}.windows`,
    DRIFTWATCH_TOPIC_EVALUATIONS: `${base}.evaluations`,
    DRIFTWATCH_TOPIC_INCIDENTS: `${base}.incidents`,
    DRIFTWATCH_TOPIC_DLQ: `${base}.dlq`,
    DRIFTWATCH_WINDOW_RETENTION_DAYS: '3650',
    DRIFTWATCH_RESULT_RETENTION_DAYS: '3650',
    DRIFTWATCH_INCIDENT_RETENTION_DAYS: '3650',
    DRIFTWATCH_SAMPLE_RETENTION_DAYS: '3650',
    ...extra,
  };
}

/**
 * Median, p99 (nearest rank: the smallest value with at least 99 % of the values at or below it,
 * so with fewer than 100 values it is the worst) and worst of a list of numbers.
 */
function summarize(values) {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const rank = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, min: sorted[0], median, p90: rank(0.9), p99: rank(0.99), worst: sorted[n - 1] };
}

/**
 * Takes `--json <path>` out of a bench script's arguments: what every bench accepts so that
 * `npm run bench` (tools/bench/bench.cjs) can collect its figures. Returns the path (absolute,
 * or null when absent) and the other arguments.
 */
function takeJsonOption(argv) {
  const rest = [];
  let json = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error('--json needs a file path (the figures are written there as JSON)');
      json = path.resolve(value);
    } else rest.push(argv[i]);
  }
  return { json, rest };
}

/** A figure of a bench's JSON: `command` is what reproduces this figure alone. */
function figure(name, value, unit, command) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`figure ${JSON.stringify(name)}: value must be a finite number, got ${value}`);
  return { name, value, unit, command };
}

/** Writes the JSON every bench writes with --json: { bench, figures, notes } (and any details). */
function writeBenchJson(file, bench, figures, notes, details) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ bench, figures, notes, ...(details === undefined ? {} : { details }) }, null, 2)}\n`);
}

/** `npm run <script>` with the arguments after `--`, as a user would type it. */
function npmCommand(script, args = []) {
  const quoted = args.map((a) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${String(a).replace(/'/g, "'\\''")}'`));
  return quoted.length > 0 ? `npm run ${script} -- ${quoted.join(' ')}` : `npm run ${script}`;
}

module.exports = { ROOT, buildApp, generator, isolatedEnv, summarize, takeJsonOption, figure, writeBenchJson, npmCommand };
