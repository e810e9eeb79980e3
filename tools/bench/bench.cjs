#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: every benchmark in one run, one after the other (they would disturb each
 * other's timings side by side), each with `--json dist/bench/<bench>.json`; then every figure
 * with the command that reproduces it alone, and dist/bench/summary.json (git commit, date,
 * machine) so that runs can be compared.
 *
 *   npm run bench [-- --only ingest,evaluator --skip join --compare old-summary.json --out dist/bench]
 *   npm run bench -- --compare-only old-summary.json   (ratios of dist/bench/summary.json to it, nothing run)
 *
 * A bench that fails or writes no JSON is reported as giving no figures and the run goes on.
 * Needs the local broker (KAFKA_BROKERS, as everywhere).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('./bench-support.cjs');

/** In running order; `expects` says what the bench is expected to give, for the report when it gives nothing; `args` its options in this run. */
const BENCHES = [
  { name: 'ingest', script: 'ingest.bench.cjs', npm: 'bench:ingest', args: ['--mode', 'backlog', '--formats', 'json,avro', '--no-double', '--memory-runs', '1000000,10000000'], expects: 'ingestion events/s (JSON, Avro), CPU-seconds per million events, aggregator peak memory at 1M and 10M events' },
  { name: 'incident-latency', script: 'incident-latency.bench.cjs', npm: 'bench:incident-latency', expects: 'window close → incident on Kafka and → webhook delivered (median, p99, worst)' },
  { name: 'evaluator', script: 'evaluator.bench.cjs', npm: 'bench:evaluator', expects: 'evaluator time per window for 100 models × 50 features' },
  { name: 'compare', script: 'compare.bench.cjs', npm: 'bench:compare', expects: '`driftwatch compare` 1M × 20 wall time and peak memory' },
  { name: 'join', script: 'join.bench.cjs', npm: 'bench:join', expects: 'label join throughput' },
];

function parseArgs(argv) {
  const names = BENCHES.map((b) => b.name);
  const list = (value, option) => {
    const picked = (value ?? '').split(',').filter(Boolean);
    const unknown = picked.filter((n) => !names.includes(n));
    if (picked.length === 0 || unknown.length > 0) throw new Error(`${option} takes a comma-separated list of ${names.join(', ')}; got ${JSON.stringify(value ?? '')}`);
    return picked;
  };
  const args = { only: names, skip: [], compare: null, compareOnly: false, out: path.join(ROOT, 'dist', 'bench'), timeoutMinutes: 90 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') args.only = list(argv[++i], '--only');
    else if (a === '--skip') args.skip = list(argv[++i], '--skip');
    else if (a === '--compare' || a === '--compare-only') {
      const file = argv[++i];
      if (!file) throw new Error(`${a} needs the path of a previous summary.json`);
      args.compare = path.resolve(file);
      args.compareOnly = a === '--compare-only';
    } else if (a === '--out') args.out = path.resolve(argv[++i] ?? '');
    else if (a === '--timeout-minutes') {
      args.timeoutMinutes = Number(argv[++i]);
      if (!(args.timeoutMinutes > 0)) throw new Error('--timeout-minutes must be a positive number');
    } else throw new Error(`unknown argument ${a} (use --only a,b, --skip a,b, --compare FILE, --compare-only FILE, --out DIR, --timeout-minutes N)`);
  }
  if (args.compare && !fs.existsSync(args.compare)) throw new Error(`--compare: no file ${args.compare}`);
  return args;
}

const clock = (ms) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** The bench running now: a Ctrl-C or SIGTERM to this script stops its process group too. */
let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (running) {
      try {
        process.kill(-running.pid, signal);
      } catch {
        // Already gone.
      }
    }
    process.stdout.write(`\nnpm run bench: ${signal}, stopping\n`);
    process.exit(130);
  });
}

/** Runs one bench with its output passed through, a heartbeat when it is quiet; resolves its exit. */
function runBench(bench, index, total, jsonPath, runStarted, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n━━ [${index}/${total}] ${bench.name} (npm run ${bench.npm}${bench.args ? ` -- ${bench.args.join(' ')}` : ''}) — started at ${clock(started - runStarted)} into the run\n`);
    const child = spawn(process.execPath, [path.join(__dirname, bench.script), ...(bench.args ?? []), '--json', jsonPath], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child;
    let lastOutput = Date.now();
    let atLineStart = true;
    const pass = (stream) => (chunk) => {
      lastOutput = Date.now();
      // Indented, so the orchestrator's own lines stand out.
      const text = chunk.toString();
      let out = '';
      for (const ch of text) {
        if (atLineStart && ch !== '\n') out += '   │ ';
        out += ch;
        atLineStart = ch === '\n';
      }
      stream.write(out);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    let stderrTail = '';
    child.stderr.on('data', (d) => (stderrTail = (stderrTail + d.toString()).slice(-4000)));
    const heartbeat = setInterval(() => {
      if (Date.now() - lastOutput >= 30_000) {
        process.stdout.write(`${atLineStart ? '' : '\n'}   … ${bench.name} still running: ${clock(Date.now() - started)} (run ${clock(Date.now() - runStarted)})\n`);
        atLineStart = true;
        lastOutput = Date.now();
      }
    }, 5_000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stdout.write(`\n   ${bench.name} exceeded ${clock(timeoutMs)}: stopping it\n`);
      // Its own process group: the bench's children (the services it started) stop with it.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      running = null;
      clearInterval(heartbeat);
      clearTimeout(timer);
      if (!atLineStart) process.stdout.write('\n');
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`━━ ${bench.name} ${code === 0 ? 'done' : `exited ${code ?? signal}`} in ${clock(seconds * 1000)}\n`);
      resolve({ code, signal, seconds, timedOut, stderrTail });
    });
  });
}

/** The figures of a bench's JSON, or why there are none. */
function readFigures(bench, jsonPath, outcome) {
  if (!fs.existsSync(jsonPath)) {
    const why =
      outcome.code === 0
        ? `it exited 0 but wrote no ${path.relative(ROOT, jsonPath)} (does ${bench.script} support --json yet?)`
        : outcome.timedOut
          ? 'it was stopped at the time limit'
          : /unknown argument --json|--json/.test(outcome.stderrTail ?? '')
            ? `it exited ${outcome.code ?? outcome.signal} refusing --json: ${bench.script} does not write figures yet (its own branch adds it)`
            : `it exited ${outcome.code ?? outcome.signal} (see its output above)`;
    return { ok: false, figures: [], notes: null, problem: `${bench.name} gave no figures: ${why}` };
  }
  try {
    const data = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
    const figures = Array.isArray(data.figures) ? data.figures.filter((f) => f && typeof f.name === 'string' && typeof f.value === 'number') : [];
    if (figures.length === 0) return { ok: false, figures: [], notes: data.notes ?? null, problem: `${bench.name} gave no figures: ${path.relative(ROOT, jsonPath)} lists none` };
    const problem = outcome.code === 0 ? null : `${bench.name} exited ${outcome.code ?? outcome.signal} after writing its figures`;
    return { ok: outcome.code === 0, figures, notes: data.notes ?? null, problem };
  } catch (error) {
    return { ok: false, figures: [], notes: null, problem: `${bench.name} gave no figures: ${path.relative(ROOT, jsonPath)} is not valid JSON (${error.message})` };
  }
}

const formatValue = (f) => `${Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : f.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${f.unit}`;

function printFigures(summary) {
  process.stdout.write(`\n══ every figure (${summary.date}, commit ${summary.git.commit ?? 'unknown'}${summary.git.dirty ? ' + local changes' : ''}, ${summary.machine.cores} cores, ${summary.machine.memoryGb} GB; the run took ${clock(summary.totalSeconds * 1000)})\n`);
  for (const b of summary.benches) {
    process.stdout.write(`\n${b.bench} (${clock(b.seconds * 1000)})${b.problem ? `  ⚠ ${b.problem}` : ''}\n`);
    if (b.figures.length === 0) process.stdout.write(`   no figures: expected ${b.expects}\n`);
    for (const f of b.figures) process.stdout.write(`   ${f.name}: ${formatValue(f)}\n      ↳ ${f.command ?? `npm run ${b.npm}`}\n`);
    if (b.notes) process.stdout.write(`   notes: ${b.notes}\n`);
  }
}

/** Ratios new / old of the figures both summaries have (by bench and name). */
function printComparison(summary, previousFile) {
  const previous = JSON.parse(fs.readFileSync(previousFile, 'utf8'));
  const old = new Map();
  for (const b of previous.benches ?? []) for (const f of b.figures ?? []) old.set(`${b.bench}\u0000${f.name}`, f);
  process.stdout.write(`\n══ compared with ${path.relative(process.cwd(), previousFile)} (${previous.date ?? '?'}, commit ${previous.git?.commit ?? '?'}): new / old\n`);
  let matched = 0;
  for (const b of summary.benches) {
    for (const f of b.figures) {
      const o = old.get(`${b.bench}\u0000${f.name}`);
      if (!o) continue;
      matched++;
      const ratio = o.value === 0 ? NaN : f.value / o.value;
      // Rates are better higher; times, memory and CPU better lower.
      const higherIsBetter = /\/s$/.test(f.unit ?? '');
      const better = Number.isFinite(ratio) && ratio !== 1 ? ((ratio > 1) === higherIsBetter ? 'better' : 'worse') : '';
      process.stdout.write(`   ${b.bench}: ${f.name}: ${formatValue(o)} → ${formatValue(f)}  × ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'} ${better}\n`);
    }
  }
  if (matched === 0) process.stdout.write('   no figure in common\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const summaryFile = path.join(args.out, 'summary.json');
  if (args.compareOnly) {
    if (!fs.existsSync(summaryFile)) throw new Error(`--compare-only: no ${summaryFile} to compare (run npm run bench first)`);
    printComparison(JSON.parse(fs.readFileSync(summaryFile, 'utf8')), args.compare);
    return;
  }
  const selected = BENCHES.filter((b) => args.only.includes(b.name) && !args.skip.includes(b.name));
  if (selected.length === 0) throw new Error('--only/--skip leave no bench to run');
  fs.mkdirSync(args.out, { recursive: true });
  const runStarted = Date.now();
  const summary = {
    date: new Date(runStarted).toISOString(),
    git: { commit: git(['rev-parse', 'HEAD']), branch: git(['rev-parse', '--abbrev-ref', 'HEAD']), dirty: (git(['status', '--porcelain']) ?? '') !== '' },
    machine: machine(),
    benches: [],
    totalSeconds: 0,
  };
  process.stdout.write(`npm run bench: ${selected.map((b) => b.name).join(', ')} — ${summary.machine.cores} cores, ${summary.machine.memoryGb} GB, load average ${summary.machine.loadAverageAtStart.join(' ')}\n`);
  for (const [i, bench] of selected.entries()) {
    const jsonPath = path.join(args.out, `${bench.name}.json`);
    // A file left by an earlier run must not pass for this run's figures.
    fs.rmSync(jsonPath, { force: true });
    const outcome = await runBench(bench, i + 1, selected.length, jsonPath, runStarted, args.timeoutMinutes * 60_000);
    const read = readFigures(bench, jsonPath, outcome);
    if (read.problem) process.stdout.write(`   ⚠ ${read.problem}\n`);
    summary.benches.push({
      bench: bench.name,
      npm: bench.npm,
      expects: bench.expects,
      ok: read.ok,
      exitCode: outcome.code,
      seconds: Math.round(outcome.seconds * 10) / 10,
      file: fs.existsSync(jsonPath) ? path.relative(ROOT, jsonPath) : null,
      figures: read.figures,
      notes: read.notes,
      problem: read.problem,
    });
  }
  summary.totalSeconds = Math.round((Date.now() - runStarted) / 100) / 10;
  summary.machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  fs.writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  printFigures(summary);
  if (args.compare) printComparison(summary, args.compare);
  const missing = summary.benches.filter((b) => b.figures.length === 0).map((b) => b.bench);
  process.stdout.write(
    `\nwritten: ${path.relative(ROOT, summaryFile)} and ${summary.benches.filter((b) => b.file).map((b) => b.file).join(', ') || 'no bench file'}` +
      `${missing.length > 0 ? `\nno figures from: ${missing.join(', ')}` : ''}\n`,
  );
  process.exitCode = summary.benches.every((b) => b.ok) ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`npm run bench failed: ${error.message}\n`);
  process.exit(2);
});
