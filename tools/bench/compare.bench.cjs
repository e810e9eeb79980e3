#!/usr/bin/env node
'use strict';
/**
 * Benchmark of `driftwatch compare` on 1,000,000 reference and 1,000,000 current rows of
 * 20 features (15 numeric, 5 categorical) in CSV.
 *
 *   npm run bench:compare [-- --rows 1000000 --runs 1 --regenerate --json PATH --against BIN]
 *
 * The files are generated once with the embedded ClickHouse engine and cached in
 * .driftwatch/bench/ (git-ignored). The real CLI runs as a child process; the script prints
 * wall time, rows per second (both files' rows / wall time) and the peak resident memory of
 * the CLI process, and with several runs the medians. `--json PATH` also writes the figures
 * as { bench, figures: [{ name, value, unit, command }], notes } (what `npm run bench` reads).
 * `--against BIN` runs another build's bin/driftwatch.cjs (another checkout) alternately with
 * this one, run for run, so both see the same machine load, and checks the reports are equal.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'apps', 'cli', 'bin', 'driftwatch.cjs');
const BUILT = path.join(ROOT, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
const GENERATOR_VERSION = 3;

function parseArgs(argv) {
  const args = { rows: 1_000_000, runs: 1, regenerate: false, json: null, against: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') args.rows = Number(argv[++i]);
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--regenerate') args.regenerate = true;
    else if (argv[i] === '--json') args.json = argv[++i];
    else if (argv[i] === '--against') args.against = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (use --rows N, --runs N, --regenerate, --json PATH, --against BIN)`);
  }
  if (args.json === undefined) throw new Error('--json needs a file path');
  if (args.against === undefined || (args.against !== null && !fs.existsSync(args.against))) {
    throw new Error(`--against needs an existing bin/driftwatch.cjs (got ${args.against})`);
  }
  if (!Number.isInteger(args.rows) || args.rows < 1) throw new Error('--rows must be a positive integer');
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive integer');
  return args;
}

/**
 * SELECT producing one file. Current data: 5 numeric features shifted or rescaled, one
 * categorical feature with a new category and one with moved proportions, ~1–3% missing
 * cells (empty or NA) and a few type errors.
 */
function generatorSql(current) {
  const seed = current ? 1000 : 0;
  const r = (k) => `rand(${seed + k})`;
  const u = (k) => `(${r(k)} / 4294967295.0)`;
  const normal = (k, mu, sigma) => `(${mu} + ${sigma} * sqrt(-2 * log(${u(k)} + 1e-12)) * cos(2 * pi() * ${u(k + 500)}))`;
  const maybeMissing = (k, expr, share) =>
    `if(${r(k + 200)} % 1000 < ${share * 1000}, if(${r(k + 300)} % 2 = 0, '', 'NA'), toString(${expr}))`;
  const numeric = [];
  for (let i = 0; i < 15; i++) {
    const shifted = current && i % 3 === 0; // n0, n3, n6, n9, n12
    const mu = 10 * (i + 1) + (shifted ? 0.3 * (i + 1) : 0);
    const sigma = (i + 1) * (current && i === 12 ? 1.5 : 1);
    let expr;
    if (i % 5 === 1) expr = `round(exp(${normal(i, Math.log(mu), 0.4)}), 2)`; // lognormal, ties from rounding
    else if (i % 5 === 2) expr = `toInt64(floor(${u(i)} * ${20 + i}))`; // integer codes: heavy ties
    else expr = `round(${normal(i, mu, sigma)}, 4)`;
    let cell = maybeMissing(i, expr, current ? 0.03 : 0.01);
    if (current && i === 4) cell = `if(number % 50000 = 7, 'n/a', ${cell})`; // type errors
    numeric.push(`${cell} AS n${i}`);
  }
  const categories = (n, prefix) => `[${Array.from({ length: n }, (_, j) => `'${prefix}${j}'`).join(', ')}]`;
  const pick = (k, list, n) => `${list}[1 + ${r(k)} % ${n}]`;
  const categorical = [
    `${pick(50, "['north', 'south', 'east', 'west', 'centre']", 5)} AS c0`,
    current
      ? `if(${r(51)} % 100 < 20, 'overseas', ${pick(52, "['retail', 'online', 'partner']", 3)}) AS c1`
      : `${pick(52, "['retail', 'online', 'partner']", 3)} AS c1`,
    current
      ? `${categories(12, 'p')}[1 + toUInt32(floor(sqrt(${u(53)}) * 12))] AS c2`
      : `${pick(53, categories(12, 'p'), 12)} AS c2`,
    `${pick(54, categories(50, 's'), 50)} AS c3`,
    `if(${r(55)} % 100 < 2, '', ${pick(56, categories(200, 'm'), 200)}) AS c4`,
  ];
  return `SELECT ${[...numeric, ...categorical].join(', ')}`;
}

async function generate(dir, rows) {
  const { queryAsync } = require(path.join(ROOT, 'node_modules', 'chdb'));
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, current] of [
    ['reference.csv', false],
    ['current.csv', true],
  ]) {
    const started = Date.now();
    // Raw (unquoted) cells, as most CSV exports write numbers; no cell holds a comma or a quote.
    const settings = "SETTINGS format_custom_escaping_rule = 'Raw', format_custom_field_delimiter = ','";
    const result = await queryAsync(`${generatorSql(current)} FROM numbers(${rows}) ${settings}`, { format: 'CustomSeparatedWithNames' });
    fs.writeFileSync(path.join(dir, name), result.bytes());
    console.log(`generated ${name}: ${rows} rows, ${(fs.statSync(path.join(dir, name)).size / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ version: GENERATOR_VERSION, rows }));
}

function cached(dir, rows) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    return meta.version === GENERATOR_VERSION && meta.rows === rows && fs.existsSync(path.join(dir, 'current.csv'));
  } catch {
    return false;
  }
}

function runOnce(dir, bin = BIN) {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['-r', path.join(__dirname, 'report-resources.cjs'), bin, 'compare', '--reference', path.join(dir, 'reference.csv'), '--current', path.join(dir, 'current.csv'), '--format', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const marker = /@@resources (\{.*\})/.exec(child.stderr ?? '');
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`driftwatch compare exited ${child.status}: ${(child.stderr ?? '').replace(/@@resources.*/, '').trim()}`);
  }
  return { seconds, stdout: child.stdout, report: JSON.parse(child.stdout), resources: marker ? JSON.parse(marker[1]) : null };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(label, runs) {
  const wall = runs.map((r) => r.seconds);
  const rss = runs.filter((r) => r.resources).map((r) => r.resources.maxRssKb / 1024);
  const cpu = runs.filter((r) => r.resources).map((r) => (r.resources.userMs + r.resources.systemMs) / 1000);
  return {
    label,
    wall: median(wall),
    wallRange: [Math.min(...wall), Math.max(...wall)],
    rss: rss.length ? median(rss) : null,
    rssMax: rss.length ? Math.max(...rss) : null,
    cpu: cpu.length ? median(cpu) : null,
  };
}

function printSummary(s) {
  console.log(
    `${s.label}: median ${s.wall.toFixed(2)} s wall (${s.wallRange.map((v) => v.toFixed(2)).join('–')} s), ` +
      `peak memory median ${s.rss === null ? 'unknown' : s.rss.toFixed(0) + ' MB'} (largest ${s.rssMax === null ? '?' : s.rssMax.toFixed(0)} MB), ` +
      `CPU median ${s.cpu === null ? 'unknown' : s.cpu.toFixed(1) + ' s'}`,
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(BUILT)) {
    console.log('building the CLI (npx nx run cli:build)…');
    const b = spawnSync('npx', ['nx', 'run', 'cli:build', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    if (b.status !== 0) throw new Error('the CLI build failed');
  }
  const dir = path.join(ROOT, '.driftwatch', 'bench', `rows-${args.rows}`);
  if (args.regenerate || !cached(dir, args.rows)) await generate(dir, args.rows);
  else console.log(`using cached files in ${path.relative(ROOT, dir)}`);

  const ours = [];
  const theirs = [];
  const load = [os.loadavg()[0]];
  for (let run = 1; run <= args.runs; run++) {
    const result = runOnce(dir);
    ours.push(result);
    printRun(`run ${run}`, result);
    if (args.against !== null) {
      const other = runOnce(dir, path.resolve(args.against));
      theirs.push(other);
      printRun(`run ${run} (--against)`, other);
      if (other.stdout !== result.stdout) throw new Error(`the reports differ between this build and ${args.against} (run ${run})`);
    }
  }
  load.push(os.loadavg()[0]);
  const mine = summary('this build', ours);
  if (args.runs > 1 || args.against !== null) printSummary(mine);
  if (args.against !== null) {
    const other = summary(args.against, theirs);
    printSummary(other);
    console.log(`reports identical in every run; wall time ratio ${(mine.wall / other.wall).toFixed(2)}, peak memory ratio ${mine.rss && other.rss ? (mine.rss / other.rss).toFixed(2) : '?'}`);
  }
  if (args.json !== null) writeJson(args, mine, load);
}

function printRun(label, { seconds, report, resources }) {
  const rows = report.rows.reference + report.rows.current;
  const drifted = report.features.filter((f) => f.drift.detected).map((f) => f.name);
  console.log(
    `${label}: ${seconds.toFixed(2)} s wall, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s ` +
      `(${report.rows.reference.toLocaleString('en-US')} + ${report.rows.current.toLocaleString('en-US')} rows, ${report.features.length} features), ` +
      `peak memory ${resources ? (resources.maxRssKb / 1024).toFixed(0) + ' MB' : 'unknown'}` +
      (resources ? `, CPU ${(resources.userMs / 1000).toFixed(1)} s user + ${(resources.systemMs / 1000).toFixed(1)} s system` : ''),
  );
  console.log(`  drifted: ${drifted.join(', ') || 'none'}; dataset drift ${report.datasetDrift.detected} (share ${report.datasetDrift.share})`);
}

/** What bounded the wall time: the CPU work (on a free machine), or other processes taking the cores. */
function limit(mine, cores, load) {
  const cpu = mine.cpu === null ? '?' : mine.cpu.toFixed(1);
  const loadText = `load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the runs`;
  const busy = mine.cpu === null ? null : mine.cpu / mine.wall;
  if (busy !== null && busy < 0.8 * Math.min(cores, 2)) {
    return `Limited by the machine's load, not by the work: ${cpu} s CPU (median) in ${mine.wall.toFixed(2)} s wall is ${busy.toFixed(2)} of the ${Math.min(cores, 2)} cores it can use (${loadText}); on a free ${cores}-core machine expect about ${(mine.cpu / Math.min(cores, 2)).toFixed(1)}–${(mine.cpu / Math.min(cores, 2) + 0.5).toFixed(1)} s.`;
  }
  return `CPU-bound: ${cpu} s CPU (median) in ${mine.wall.toFixed(2)} s wall on ${cores} core(s) (${loadText}).`;
}

/** The figures in the shape `npm run bench` collects; the command reproduces them alone. */
function writeJson(args, mine, load) {
  const size = args.rows === 1_000_000 ? '1M' : args.rows.toLocaleString('en-US');
  const command = `npm run bench:compare -- --rows ${args.rows} --runs ${args.runs}`;
  const cores = os.availableParallelism();
  const notes =
    `median of ${args.runs} run(s); peak RSS is the median of the runs' peaks (largest ${mine.rssMax === null ? '?' : mine.rssMax.toFixed(0)} MB). ` +
    `${limit(mine, cores, load)} Uncompressed CSV is read without the embedded engine, ` +
    `one file per thread (reading and typing about half the CPU, sorting the 30 numeric columns about a fifth), ` +
    `then the statistics of the 20 features shared by the same two threads; memory is mostly the numeric columns (8 bytes per numeric cell: 240 MB for both files) plus the runtime and one worker thread.`;
  const out = {
    bench: 'compare',
    figures: [
      { name: `compare ${size}×20 wall`, value: Number(mine.wall.toFixed(3)), unit: 's', command },
      { name: `compare ${size}×20 peak RSS`, value: mine.rss === null ? null : Math.round(mine.rss), unit: 'MB', command },
    ],
    notes,
  };
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
  console.log(`figures written to ${args.json}`);
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
