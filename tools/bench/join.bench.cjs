#!/usr/bin/env node
'use strict';
/**
 * Cost of joining labels to predictions (PerformanceRepository, libs/store) in the embedded
 * ClickHouse engine: stores N predictions over W windows and labels for 90 % of them plus
 * orphans, then times the per-window join, the readiness counts and the late-label recompute
 * path, and prints labels joined per second (libs/store/bench/join.bench-run.ts says what each
 * figure covers).
 *
 *   npm run bench:join [-- --predictions 1000000 --windows 1000 --json out.json]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, figure, npmCommand, takeJsonOption, writeBenchJson } = require('./bench-support.cjs');

const { json, rest: argv } = takeJsonOption(process.argv.slice(2));
const env = { ...process.env };
const passed = [];
for (let i = 0; i < argv.length; i++) {
  const value = Number(argv[i + 1]);
  if (argv[i] === '--predictions' && Number.isInteger(value) && value > 0) env.JOIN_PREDICTIONS = String(value);
  else if (argv[i] === '--windows' && Number.isInteger(value) && value > 0) env.JOIN_WINDOWS = String(value);
  else throw new Error(`unknown argument ${argv[i]} ${argv[i + 1] ?? ''} (use --predictions N, --windows N, positive integers; --json FILE)`);
  passed.push(argv[i], String(value));
  i++;
}
const resultsDir = json ? fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-bench-join-')) : null;
if (resultsDir) env.JOIN_RESULTS = path.join(resultsDir, 'results.json');
const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
const run = spawnSync(vitest, ['run', '--config', 'vitest.bench.config.mts', '--reporter', 'default', '--silent=false'], {
  cwd: path.join(ROOT, 'libs', 'store'),
  env,
  stdio: 'inherit',
});
if (run.status === 0 && resultsDir) {
  const r = JSON.parse(fs.readFileSync(env.JOIN_RESULTS, 'utf8'));
  const command = npmCommand('bench:join', passed);
  writeBenchJson(
    json,
    'join',
    [
      figure('label join: labels joined per second, per-window join', Math.round(r.perWindowJoin.labelsPerSecond), 'labels/s', command),
      figure('label join: per-window join, median', Math.round(r.perWindowJoin.medianMs), 'ms', command),
      figure('label join: late labels handled per second (find touched windows + rejoin)', Math.round(r.lateLabels.lateLabelsPerSecond), 'labels/s', command),
      figure('label join: readiness counts over every window', Math.round(r.windowCounts.seconds * 1000), 'ms', command),
    ],
    `${r.predictions} predictions over ${r.windows} windows, 90 % labelled, in the embedded engine; per-window join over ${r.perWindowJoin.windows} windows spread over the range`,
    r,
  );
}
if (resultsDir) fs.rmSync(resultsDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
