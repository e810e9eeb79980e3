// Pieces every benchmark script needs: compiling the app it runs, and seeded data so that
// two runs measure the same work.
'use strict';
const { execFileSync } = require('node:child_process');
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

module.exports = { ROOT, buildApp, generator, isolatedEnv };
