#!/usr/bin/env node
'use strict';
/**
 * Benchmark of `driftwatch compare` on 1,000,000 reference and 1,000,000 current rows of
 * 20 features (15 numeric, 5 categorical) in CSV.
 *
 *   npm run bench:compare [-- --rows 1000000 --runs 1 --regenerate]
 *
 * The files are generated once with the embedded ClickHouse engine and cached in
 * .driftwatch/bench/ (git-ignored). The real CLI runs as a child process; the script prints
 * wall time, rows per second (both files' rows / wall time) and the peak resident memory of
 * the CLI process.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'apps', 'cli', 'bin', 'driftwatch.cjs');
const BUILT = path.join(ROOT, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
const GENERATOR_VERSION = 3;

function parseArgs(argv) {
  const args = { rows: 1_000_000, runs: 1, regenerate: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') args.rows = Number(argv[++i]);
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--regenerate') args.regenerate = true;
    else throw new Error(`unknown argument ${argv[i]} (use --rows N, --runs N, --regenerate)`);
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

function runOnce(dir) {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['-r', path.join(__dirname, 'report-resources.cjs'), BIN, 'compare', '--reference', path.join(dir, 'reference.csv'), '--current', path.join(dir, 'current.csv'), '--format', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const marker = /@@resources (\{.*\})/.exec(child.stderr ?? '');
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`driftwatch compare exited ${child.status}: ${(child.stderr ?? '').replace(/@@resources.*/, '').trim()}`);
  }
  return { seconds, report: JSON.parse(child.stdout), resources: marker ? JSON.parse(marker[1]) : null };
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

  for (let run = 1; run <= args.runs; run++) {
    const { seconds, report, resources } = runOnce(dir);
    const rows = report.rows.reference + report.rows.current;
    const drifted = report.features.filter((f) => f.drift.detected).map((f) => f.name);
    console.log(
      `run ${run}: ${seconds.toFixed(2)} s wall, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s ` +
        `(${report.rows.reference.toLocaleString('en-US')} + ${report.rows.current.toLocaleString('en-US')} rows, ${report.features.length} features), ` +
        `peak memory ${resources ? (resources.maxRssKb / 1024).toFixed(0) + ' MB' : 'unknown'}` +
        (resources ? `, CPU ${(resources.userMs / 1000).toFixed(1)} s user + ${(resources.systemMs / 1000).toFixed(1)} s system` : ''),
    );
    console.log(`  drifted: ${drifted.join(', ') || 'none'}; dataset drift ${report.datasetDrift.detected} (share ${report.datasetDrift.share})`);
  }
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
