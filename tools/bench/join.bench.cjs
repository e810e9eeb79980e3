#!/usr/bin/env node
'use strict';
/**
 * Cost of joining labels to predictions (PerformanceRepository, libs/store) in the embedded
 * ClickHouse engine: stores N predictions over W windows and labels for 90 % of them plus
 * orphans, then times the per-window join, the readiness counts and the late-label recompute
 * path, and prints labels joined per second (libs/store/bench/join.bench-run.ts says what each
 * figure covers).
 *
 *   npm run bench:join [-- --predictions 1000000 --windows 1000]
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT } = require('./bench-support.cjs');

const env = { ...process.env };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const value = Number(argv[i + 1]);
  if (argv[i] === '--predictions' && Number.isInteger(value) && value > 0) env.JOIN_PREDICTIONS = String(value);
  else if (argv[i] === '--windows' && Number.isInteger(value) && value > 0) env.JOIN_WINDOWS = String(value);
  else throw new Error(`unknown argument ${argv[i]} ${argv[i + 1] ?? ''} (use --predictions N, --windows N, positive integers)`);
  i++;
}
const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
const run = spawnSync(vitest, ['run', '--config', 'vitest.bench.config.mts', '--reporter', 'default', '--silent=false'], {
  cwd: path.join(ROOT, 'libs', 'store'),
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
