#!/usr/bin/env node
'use strict';
/**
 * The store-outage drill: Driftwatch as separate processes (aggregator, evaluator, alerter) writing
 * through the store server (apps/store-server, the embedded engine behind ClickHouse's HTTP
 * interface); under a steady load of windows, the store server is stopped for `outageSeconds`
 * and started again. Checks: no consumer commits past what is stored while it is down, the
 * aggregator logs the failed writes, totals in ClickHouse equal the events produced (none lost,
 * none counted twice) once it is back, and the injected drift opens one incident per finding.
 *
 * It runs apps/store-server/test/store-outage.e2e.spec.ts (which CI runs with 15 s) with
 * STORE_OUTAGE_SECONDS set, and reads the figures it writes to dist/drill/store-outage.json.
 *
 *   node tools/drill/store-outage.drill.cjs [--outage 60]
 *   const { storeOutageDrill } = require('./store-outage.drill.cjs');
 *   const result = await storeOutageDrill({ outageSeconds: 60 });
 *
 * `storeOutageDrill` resolves to { drill: 'store-outage', harm, produced, stored, lost, doubled,
 * expectedOpens, opened, caughtUpSeconds, evaluatedSeconds, seconds, problems: string[] } (problems
 * empty when every check passed) and never rejects for a failed check. KAFKA_BROKERS defaults to
 * 127.0.0.1:9092 (the broker must be running).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const FIGURES = path.join(ROOT, 'dist', 'drill', 'store-outage.json');
const SPEC = 'test/store-outage.e2e.spec.ts';

function storeOutageDrill({ outageSeconds = 60, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  if (!Number.isInteger(outageSeconds) || outageSeconds < 1) throw new Error(`outageSeconds must be a whole number ≥ 1, got ${outageSeconds}`);
  const started = Date.now();
  fs.rmSync(FIGURES, { force: true });
  log(`store-outage drill: the store server down for ${outageSeconds} s under load (${SPEC})`);
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', SPEC, '--reporter=default'], {
      cwd: path.join(ROOT, 'apps', 'store-server'),
      env: { ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', STORE_OUTAGE_SECONDS: String(outageSeconds) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) => {
      const problems = [];
      let figures = {};
      try {
        figures = JSON.parse(fs.readFileSync(FIGURES, 'utf8'));
      } catch {
        problems.push('the drill wrote no figures (it failed before the store came back)');
      }
      if (code !== 0) problems.push(`the drill's checks failed (vitest exit ${code}):\n${output.split('\n').filter((l) => /FAIL|Error|expected|timed out/.test(l)).slice(0, 20).join('\n')}`);
      resolve({
        drill: 'store-outage',
        harm: `store server stopped ${outageSeconds} s`,
        windows: figures.windowsSent,
        produced: figures.produced,
        stored: figures.stored,
        lost: figures.lost,
        doubled: figures.doubleCounted,
        expectedOpens: figures.expectedOpens,
        opened: figures.opened,
        caughtUpSeconds: figures.secondsToCatchUpAfterReturn,
        evaluatedSeconds: figures.secondsToEvaluateEveryWindowAfterReturn,
        seconds: (Date.now() - started) / 1000,
        problems,
      });
    });
  });
}

module.exports = { storeOutageDrill };

if (require.main === module) {
  const argv = process.argv.slice(2);
  let outageSeconds = 60;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--outage') outageSeconds = Number(argv[++i]);
    else {
      process.stderr.write(`unknown argument ${argv[i]} (use --outage <seconds>)\n`);
      process.exit(2);
    }
  }
  storeOutageDrill({ outageSeconds }).then((r) => {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    process.exit(r.problems.length === 0 ? 0 : 1);
  });
}
