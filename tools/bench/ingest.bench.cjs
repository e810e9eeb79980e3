#!/usr/bin/env node
'use strict';
/**
 * End-to-end ingestion benchmark of the aggregator: N inference events of 20 features
 * (15 numeric, 5 categorical) from 6 models, each with a baseline (numeric features with a
 * percentile grid, so every value is counted on the fine grid too), produced to the local broker
 * while the built aggregator runs as a child process with the embedded ClickHouse engine.
 *
 *   npm run bench:ingest [-- --events 200000 --mode both|live|backlog --formats json,avro
 *                           --memory-runs 1000000,10000000 --no-double --no-build --json out.json]
 *   (= node tools/bench/ingest.bench.cjs …; DRIFTWATCH_BENCH_EVENTS=… works too; KAFKA_BROKERS as
 *   everywhere; --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the aggregator)
 *
 * `--formats` picks the payloads (JSON objects, plain Avro of the InferenceEvent contract; the
 * aggregator reads both under its default DRIFTWATCH_EVENT_FORMAT=auto). `--memory-runs` adds
 * backlog runs of JSON events of those sizes, for the aggregator's peak memory as the stream
 * grows (10M events take a few minutes and about 6 GB of broker disk, freed at the end).
 * `--json` writes every figure with the command that reproduces it alone, for `npm run bench`.
 *
 * Measured per run: from the first produce until every event is durable (the aggregator commits
 * an offset only after the histograms covering it are written, so committed offsets summed over
 * partitions = N means all N are in ClickHouse; checked afterwards by summing event_count in the
 * store), hence sustained events/s end to end, and the aggregator's peak resident memory (VmHWM,
 * native ClickHouse allocations included). A second run with 2N events shows whether memory
 * stays flat as the stream grows. Two modes: "live" produces while the aggregator consumes
 * (clock from the first produce; on a 2-core machine the producer in this process competes with
 * the aggregator for CPU), "backlog" produces first and times the aggregator draining it (clock
 * from the moment it has joined its group). Each run uses fresh topics, group and data directory.
 * The aggregator's CPU time over the same span (user + system of the whole process, the embedded
 * ClickHouse threads included, from /proc/<pid>/stat) is reported per million events.
 */
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, buildApp, generator, isolatedEnv } = require('./bench-support.cjs');
const DIST = path.join(ROOT, 'dist', 'apps', 'aggregator');
const MAIN = path.join(DIST, 'apps', 'aggregator', 'src', 'main.js');
const MODELS = 6;
const NUMERIC = 15;
const CATEGORICAL = 5;
const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
const EVENT_SPAN_MS = 10 * 60_000; // event time covered by a run: 10 one-minute windows per model
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

const FORMATS = ['json', 'avro'];

function parseArgs(argv) {
  const args = {
    events: Number(process.env.DRIFTWATCH_BENCH_EVENTS ?? 200_000),
    double: true,
    build: true,
    mode: 'both',
    nodeArgs: [],
    formats: ['json'],
    memoryRuns: [],
    json: null,
  };
  const list = (text) => text.split(',').map((x) => x.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--events') args.events = Number(argv[++i]);
    else if (argv[i] === '--no-double') args.double = false;
    else if (argv[i] === '--no-build') args.build = false;
    else if (argv[i] === '--mode') args.mode = argv[++i];
    else if (argv[i] === '--node-args') args.nodeArgs = argv[++i].split(' ').filter(Boolean);
    else if (argv[i] === '--formats') args.formats = list(argv[++i] ?? '');
    else if (argv[i] === '--memory-runs') args.memoryRuns = list(argv[++i] ?? '').map(Number);
    else if (argv[i] === '--json') args.json = argv[++i];
    else {
      throw new Error(
        `unknown argument ${argv[i]} (use --events N, --mode both|live|backlog, --formats json,avro, --memory-runs N,M, --no-double, --no-build, --json PATH, --node-args "--cpu-prof …")`,
      );
    }
  }
  if (!['both', 'live', 'backlog'].includes(args.mode)) throw new Error(`--mode must be both, live or backlog, got ${args.mode}`);
  if (!Number.isInteger(args.events) || args.events < MODELS) throw new Error(`--events must be an integer >= ${MODELS}, got ${args.events}`);
  const unknown = args.formats.filter((f) => !FORMATS.includes(f));
  if (args.formats.length === 0 || unknown.length > 0) throw new Error(`--formats must list json and/or avro, got ${args.formats.join(',') || 'nothing'}`);
  const badSize = args.memoryRuns.find((n) => !Number.isInteger(n) || n < MODELS);
  if (badSize !== undefined) throw new Error(`--memory-runs must list integers >= ${MODELS}, got ${badSize}`);
  if (args.json === undefined || args.json === '') throw new Error('--json needs a file path');
  return args;
}

/** numpy's default `np.quantile` (linear interpolation) of an ascending sample. */
function quantile(sorted, q) {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * The finer grid real baselines carry for KS/Wasserstein (`baseline create --fine-bins 100`): the
 * 99 percentiles of the sample, deduplicated, and the sample's counts per fine bin (side="right").
 */
function fineGrid(sorted) {
  const fineEdges = [...new Set(Array.from({ length: 99 }, (_, k) => quantile(sorted, (k + 1) / 100)))];
  const fineCounts = new Array(fineEdges.length + 1).fill(0);
  let bin = 0;
  for (const x of sorted) {
    while (bin < fineEdges.length && fineEdges[bin] <= x) bin++;
    fineCounts[bin]++;
  }
  return { fineEdges, fineCounts };
}

/** The baseline every model gets: deciles (and a percentile grid) of N(10(i+1), i+1) for numeric features, uniform categories. */
function baselineFor(modelId) {
  const { uniform, normal } = generator(99);
  const features = [];
  for (let i = 0; i < NUMERIC; i++) {
    const mu = 10 * (i + 1);
    const sigma = i + 1;
    const sample = Array.from({ length: 10_000 }, () => mu + sigma * normal()).sort((x, y) => x - y);
    const edges = [...new Set(Array.from({ length: 9 }, (_, k) => sample[Math.floor(((k + 1) / 10) * (sample.length - 1))]))];
    features.push({
      name: `n${i}`, kind: 'numeric', edges, binCounts: new Array(edges.length + 1).fill(1000), ...fineGrid(sample), categories: {},
      count: sample.length, missing: 0, min: sample[0], max: sample[sample.length - 1], mean: mu, std: sigma, median: sample[5000], importance: null,
    });
  }
  for (let j = 0; j < CATEGORICAL; j++) {
    const categories = Object.fromEntries(CATEGORIES.slice(0, 6).map((c) => [c, Math.floor(uniform() * 1000) + 1]));
    features.push({
      name: `c${j}`, kind: 'categorical', edges: [], binCounts: [], categories,
      count: 6000, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null,
    });
  }
  return { modelId, modelVersion: '1', baselineId: `bench-${modelId}`, createdAt: Date.now(), rowCount: 10_000, source: 'bench', features };
}

/**
 * Events are made from a pool of seeded feature sets (and predictions), each event taking the
 * next one with its own id, model and time: producing 10M events must not take longer than
 * consuming them, and JSON.stringify or avsc per event would. JSON payloads are spliced as
 * text; Avro ones as the record's bytes, which are its fields one after the other: the fields
 * before `features` encoded per event, `features` and `prediction` copied from the pool.
 */
const POOL = 16_384;

function eventFactory(format, n, partitions) {
  const rand = generator(1);
  const pool = [];
  for (let k = 0; k < POOL; k++) {
    const features = {};
    for (let f = 0; f < NUMERIC; f++) {
      features[`n${f}`] = rand.uniform() < 0.01 ? null : Math.round((10 * (f + 1) + (f + 1) * rand.normal()) * 1e4) / 1e4;
    }
    for (let c = 0; c < CATEGORICAL; c++) features[`c${c}`] = CATEGORIES[Math.floor(rand.uniform() * CATEGORIES.length)];
    pool.push({ features, prediction: Math.round(rand.uniform() * 1e4) / 1e4 });
  }
  const head = (i) => {
    const model = i % MODELS;
    return { model, eventId: `ev-${i}`, modelId: `bench-model-${model}`, modelVersion: '1', timestamp: T0 + Math.floor((i * EVENT_SPAN_MS) / n) };
  };
  if (format === 'json') {
    const tails = pool.map((p) => `,"features":${JSON.stringify(p.features)},"prediction":${JSON.stringify(p.prediction)}}`);
    return (i) => {
      const h = head(i);
      const text = `{"eventId":"${h.eventId}","modelId":"${h.modelId}","modelVersion":"1","timestamp":${h.timestamp}${tails[i % POOL]}`;
      return { key: h.modelId, partition: h.model % partitions, value: Buffer.from(text) };
    };
  }
  const { Type } = require(path.join(ROOT, 'node_modules', 'avsc'));
  const { inferenceEventCodec } = require(path.join(DIST, 'libs', 'contracts', 'src', 'index.js'));
  const headType = Type.forSchema({
    type: 'record',
    name: 'Head',
    fields: ['eventId', 'modelId', 'modelVersion'].map((name) => ({ name, type: 'string' })).concat([{ name: 'timestamp', type: 'long' }]),
  });
  const tails = pool.map((p, k) => {
    const h = head(k);
    const full = inferenceEventCodec.encode({ ...h, model: undefined, features: p.features, prediction: p.prediction }, 'avro');
    return full.subarray(headType.toBuffer(h).length);
  });
  const make = (i) => {
    const h = head(i);
    return { key: h.modelId, partition: h.model % partitions, value: Buffer.concat([headType.toBuffer(h), tails[i % POOL]]) };
  };
  // The splice must give exactly what the contract's encoder gives.
  const probe = head(POOL + 7);
  const expected = inferenceEventCodec.encode({ ...probe, model: undefined, ...pool[(POOL + 7) % POOL] }, 'avro');
  if (!expected.equals(make(POOL + 7).value)) throw new Error('bench: the spliced Avro event differs from the contract encoder\'s');
  return make;
}

/** User + system CPU seconds of a process so far (every thread), from /proc/<pid>/stat. */
let clockTicks;
function cpuSeconds(pid) {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), 1-based: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return NaN;
  }
}

function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * live: the aggregator runs first and the events are produced while it consumes; the clock
 * starts at the first produce. backlog: the N events are produced first and the clock starts
 * when the aggregator has joined its group, which isolates the aggregator's own throughput.
 */
async function run(n, mode, format, nodeArgs) {
  const { createKafka, createProducer, ensureTopics, kafkaClientConfig, sendRecords } = require(path.join(DIST, 'libs', 'kafka', 'src', 'index.js'));
  const { loadConfig } = require(path.join(DIST, 'libs', 'config', 'src', 'index.js'));
  const { openStore } = require(path.join(DIST, 'libs', 'store', 'src', 'index.js'));

  const base = `dw-bench.${Date.now()}.${crypto.randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-bench-ingest-'));
  const env = isolatedEnv(base, dataDir);
  const config = loadConfig(env);
  const kafka = createKafka(kafkaClientConfig(config.kafka, { clientId: 'driftwatch-bench', logLevel: 'error' }));
  const admin = kafka.admin();
  await admin.connect();
  const topics = Object.values(config.topics);
  await ensureTopics(admin, [{ topic: config.topics.events, numPartitions: MODELS }]);
  const partitions = MODELS;

  const store = await openStore(config);
  for (let m = 0; m < MODELS; m++) await store.baselines.save(baselineFor(`bench-model-${m}`));
  await store.close();

  const producer = createProducer(kafka);
  await producer.connect();
  const eventRecord = eventFactory(format, n, partitions);
  const produceAll = async () => {
    const chunk = 10_000;
    for (let i = 0; i < n; i += chunk) {
      const records = [];
      for (let j = i; j < Math.min(n, i + chunk); j++) records.push(eventRecord(j));
      await sendRecords(producer, config.topics.events, records, { chunkSize: chunk });
    }
  };
  let producedAt = 0;
  if (mode === 'backlog') {
    const t = process.hrtime.bigint();
    await produceAll();
    producedAt = Number(process.hrtime.bigint() - t) / 1e9;
  }

  const child = spawn(process.execPath, [...nodeArgs, MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const group = config.kafka.groups.aggregator;
  try {
    // Wait until the aggregator owns the partitions, so the measurement is not a group join.
    for (let i = 0; ; i++) {
      const { groups } = await admin.describeGroups([group]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) break;
      if (child.exitCode !== null) throw new Error(`aggregator exited early:\n${stderr}`);
      if (i > 600) throw new Error('aggregator did not join its group within 60 s');
      await sleep(100);
    }
    const idleRss = peakRssMb(child.pid);
    const cpuBefore = cpuSeconds(child.pid);
    const started = process.hrtime.bigint();
    const producing =
      mode === 'live'
        ? produceAll().then(() => (producedAt = Number(process.hrtime.bigint() - started) / 1e9))
        : Promise.resolve();

    let durableAt = 0;
    let cpu = NaN;
    let peakRss = 0;
    while (!durableAt) {
      await sleep(100);
      peakRss = Math.max(peakRss, peakRssMb(child.pid));
      if (child.exitCode !== null) throw new Error(`aggregator exited:\n${stderr}`);
      const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [config.topics.events] });
      const committed = offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      if (committed >= n) {
        durableAt = Number(process.hrtime.bigint() - started) / 1e9;
        cpu = cpuSeconds(child.pid) - cpuBefore;
      }
      if (Number(process.hrtime.bigint() - started) / 1e9 > 600) throw new Error(`only ${committed} of ${n} events durable after 600 s`);
    }
    await producing;
    peakRss = Math.max(peakRss, peakRssMb(child.pid));
    child.kill('SIGTERM');
    await exited;

    // Cross-check in the store itself (the aggregator has released the data directory).
    const check = await openStore(config);
    const rows = await (await check.client.client.query({ query: `SELECT sum(event_count) AS n FROM ${check.client.table('windows')}`, format: 'JSONEachRow' })).json();
    // Every numeric value went through the fine grid too: its fine bins add up to its count.
    const numeric = await (
      await check.client.client.query({
        query: `SELECT sum(count) AS values, sum(arraySum(fine_bins)) AS fine FROM ${check.client.table('window_features')} WHERE length(bins) > 0`,
        format: 'JSONEachRow',
      })
    ).json();
    await check.close();
    const stored = Number(rows[0].n);
    if (stored !== n) throw new Error(`the store holds ${stored} events, expected ${n}`);
    const [values, fine] = [Number(numeric[0].values), Number(numeric[0].fine)];
    if (values === 0 || fine !== values) throw new Error(`fine bins hold ${fine} numeric values, expected ${values}`);
    return {
      n,
      mode,
      format,
      seconds: durableAt,
      produceSeconds: producedAt,
      eventsPerSecond: n / durableAt,
      cpuSeconds: cpu,
      cpuSecondsPerMillion: (cpu / n) * 1e6,
      idleRssMb: idleRss,
      peakRssMb: peakRss,
    };
  } finally {
    await producer.disconnect().catch(() => undefined);
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The npm command that repeats one run alone. */
function commandOf(r) {
  return `npm run bench:ingest -- --mode ${r.mode} --formats ${r.format} --events ${r.n} --no-double`;
}

/** What bounded the runs, from the aggregator's CPU use: one busy core means its main thread. */
function limitNotes(results, cores) {
  const parts = results
    .filter((r) => !r.memory)
    .map((r) => `${r.format} ${r.mode} ${r.n}: ${(r.cpuSeconds / r.seconds).toFixed(2)} of ${cores} cores busy in the aggregator`);
  return (
    `${parts.join('; ')}. The aggregator's JavaScript (decode, routing, accumulation, Kafka fetch) runs on one thread; ` +
    'the embedded ClickHouse inserts run on its own threads, so more than 1.0 core busy means both are working. ' +
    'In live mode the producer in the benchmark process competes for the same cores.'
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build || !fs.existsSync(MAIN)) buildApp('aggregator');
  const modes = args.mode === 'both' ? ['live', 'backlog'] : [args.mode];
  const runs = args.formats.flatMap((format) =>
    modes.flatMap((mode) => [[args.events, mode, format, false], ...(args.double ? [[2 * args.events, mode, format, false]] : [])]),
  );
  for (const n of args.memoryRuns) runs.push([n, 'backlog', 'json', true]);
  const results = [];
  for (const [n, mode, format, memory] of runs) {
    process.stdout.write(`\n${mode}${memory ? ' (memory run)' : ''}: ${n.toLocaleString('en-US')} ${format} events of ${NUMERIC + CATEGORICAL} features, ${MODELS} models, ${os.cpus().length} cores…\n`);
    const r = { ...(await run(n, mode, format, args.nodeArgs)), memory };
    results.push(r);
    const clock = mode === 'live' ? 'first produce → all durable in ClickHouse' : 'aggregator joined → backlog durable in ClickHouse';
    process.stdout.write(
      `  ${clock}: ${r.seconds.toFixed(2)} s (producing took ${r.produceSeconds.toFixed(2)} s)\n` +
        `  sustained: ${Math.round(r.eventsPerSecond).toLocaleString('en-US')} events/s\n` +
        `  aggregator CPU: ${r.cpuSeconds.toFixed(1)} s (${r.cpuSecondsPerMillion.toFixed(1)} CPU-s per million events, ${(r.cpuSeconds / r.seconds).toFixed(2)} cores busy)\n` +
        `  aggregator RSS: ${r.idleRssMb.toFixed(0)} MB before the events, peak ${r.peakRssMb.toFixed(0)} MB\n`,
    );
  }
  process.stdout.write('\nsummary (events, format, mode, events/s, CPU-s per 1M events, peak RSS MB):\n');
  for (const r of results) {
    process.stdout.write(
      `  ${String(r.n).padStart(9)}  ${r.format.padEnd(4)}  ${r.mode.padEnd(7)}  ${String(Math.round(r.eventsPerSecond)).padStart(7)}  ${r.cpuSecondsPerMillion.toFixed(1).padStart(6)}  ${r.peakRssMb.toFixed(0).padStart(5)}\n`,
    );
  }
  if (args.json) {
    const figures = [];
    for (const r of results) {
      const what = `${r.format}, ${r.mode}, ${r.n} events`;
      if (r.memory) {
        figures.push({ name: `aggregator peak RSS at ${r.n} events (${what})`, value: Math.round(r.peakRssMb), unit: 'MB', command: commandOf(r) });
        continue;
      }
      figures.push({ name: `ingestion events/s end to end (${what})`, value: Math.round(r.eventsPerSecond), unit: 'events/s', command: commandOf(r) });
      figures.push({ name: `aggregator CPU per million events (${what})`, value: Number(r.cpuSecondsPerMillion.toFixed(2)), unit: 'CPU-s/1M events', command: commandOf(r) });
    }
    const json = { bench: 'ingest', figures, notes: limitNotes(results, os.cpus().length) };
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    fs.writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`\nfigures written to ${args.json}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench:ingest failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
