#!/usr/bin/env node
'use strict';
/**
 * Evaluator time per window for many models: MODELS models × FEATURES features with baselines,
 * windows of histograms in the embedded ClickHouse store, judged by the real evaluator (its Nest
 * module on the local broker) window after window; prints the time per window (all models' close
 * messages → all evaluations on Kafka) and per model-window, median and p99, what share of the
 * time goes to store reads, judging and the sink, and where a CPU profile of the run spends it
 * (apps/evaluator/bench/evaluator.bench-run.ts says how the data is made).
 *
 *   npm run bench:evaluator [-- --models 100 --features 50 --windows 20 --concurrency 4 --profile out.cpuprofile --json out.json]
 *   (--concurrency: windows of a batch the evaluator judges at once, its default when absent)
 *   (KAFKA_BROKERS as everywhere)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, figure, npmCommand, takeJsonOption, writeBenchJson } = require('./bench-support.cjs');

function parseArgs(argv) {
  const { json, rest } = takeJsonOption(argv);
  const args = { models: 100, features: 50, windows: 20, concurrency: null, profile: null, json };
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i];
    const value = rest[i + 1];
    if (name === '--profile' && value) args.profile = path.resolve(value);
    else if (['--models', '--features', '--windows', '--concurrency'].includes(name) && Number.isInteger(Number(value)) && Number(value) > 0) args[name.slice(2)] = Number(value);
    else throw new Error(`unknown argument ${name} ${value ?? ''} (use --models N, --features N, --windows N, --concurrency N (positive integers), --profile FILE, --json FILE)`);
    i++;
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-bench-evaluator-')), 'results.json');
  const env = {
    ...process.env,
    EVAL_BENCH_MODELS: String(args.models),
    EVAL_BENCH_FEATURES: String(args.features),
    EVAL_BENCH_WINDOWS: String(args.windows),
    EVAL_BENCH_RESULTS: results,
    ...(args.profile ? { EVAL_BENCH_PROFILE: args.profile } : {}),
    // Windows of a batch the evaluator judges at once (its hook; unset: its default).
    ...(args.concurrency ? { EVAL_BENCH_CONCURRENCY: String(args.concurrency) } : {}),
  };
  const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
  const run = spawnSync(vitest, ['run', '--config', 'vitest.bench.config.mts', '--reporter', 'default', '--silent=false', 'bench/evaluator.bench-run.ts'], {
    cwd: path.join(ROOT, 'apps', 'evaluator'),
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0 || !fs.existsSync(results)) {
    process.stderr.write(`bench:evaluator failed (vitest exited ${run.status ?? run.signal})\n`);
    process.exit(1);
  }
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  fs.rmSync(path.dirname(results), { recursive: true, force: true });
  if (!args.json) return;
  const command = npmCommand('bench:evaluator', [
    ...(args.models !== 100 ? ['--models', String(args.models)] : []),
    ...(args.features !== 50 ? ['--features', String(args.features)] : []),
    ...(args.windows !== 20 ? ['--windows', String(args.windows)] : []),
    ...(args.concurrency ? ['--concurrency', String(args.concurrency)] : []),
  ]);
  const size = `${r.models} models × ${r.features} features`;
  const figures = [
    figure(`evaluator: time per window, ${size}, median`, round(r.perWindow.median), 'ms', command),
    figure(`evaluator: time per window, ${size}, p99`, round(r.perWindow.p99), 'ms', command),
    figure(`evaluator: time per model-window (${r.features} features), median`, round(r.perModelWindow.median, 2), 'ms', command),
    figure(`evaluator: time per model-window (${r.features} features), p99`, round(r.perModelWindow.p99, 2), 'ms', command),
    figure(`evaluator: first window after start (cold caches), ${size}`, round(r.cold.ms), 'ms', command),
    figure(`evaluator: process CPU per window (engine threads included), ${size}, median`, round(r.cpuPerWindow.median), 'ms', command),
    ...(r.perWindowDrifted ? [figure(`evaluator: time per drifted window (a fifth of the features moved), ${size}, median`, round(r.perWindowDrifted.median), 'ms', command)] : []),
    ...(r.nullQuantileDraws ? [figure('evaluator: one null quantile drawn (calibration cache miss), median', round(r.nullQuantileDraws.median, 2), 'ms', command)] : []),
  ];
  const top = r.profile.areas.filter((a) => !a.name.startsWith('idle')).slice(0, 3).map((a) => `${a.name} ${a.share} %`).join(', ');
  const notes =
    `Per window: all ${r.models} close messages sent at once → ${r.models} evaluations on Kafka, over ${r.windows} windows after a cold first one (one in four drifted). ` +
    `Judging time: store reads ${pct(r.shares.storeReadsOfJudging)}, the rest ${pct(r.shares.restOfJudging)}; the sink ${pct(r.shares.sinkOfWall)} of the wall time; process CPU / wall ${r.cpuPerWall.toFixed(2)}. ` +
    (r.nullQuantileDraws
      ? `Null quantiles drawn on calibration cache misses (a drifted feature at a window size not seen before): ${r.nullQuantileDraws.n}, median ${r.nullQuantileDraws.median.toFixed(1)} ms each, ${r.nullQuantileDraws.perDriftedWindow} per drifted window. `
      : '') +
    `Main-thread self time: ${top}.`;
  writeBenchJson(args.json, 'evaluator', figures, notes, r);
}

const round = (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (x) => `${Math.round(100 * x)} %`;

try {
  main();
} catch (error) {
  process.stderr.write(`bench:evaluator failed: ${error.message}\n`);
  process.exit(1);
}
