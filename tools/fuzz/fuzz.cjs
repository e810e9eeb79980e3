#!/usr/bin/env node
'use strict';
/**
 * Hostile input at volume, against the real pipeline: the built standalone Driftwatch (aggregator,
 * evaluator, alerter and API in one process, embedded ClickHouse) consumes a fresh events topic on
 * the local broker into which this script has put tens of thousands of messages, good inference
 * events mixed at random with malformed, truncated, oversized, wrongly typed and hostile ones
 * (tools/fuzz/hostile-events.cjs). Then the API gets the same treatment (tools/fuzz/api-fuzz.cjs).
 *
 *   npm run fuzz [-- --messages 40000 --bad-share 0.5 --no-build --seed 1]
 *   (= node tools/fuzz/fuzz.cjs …; KAFKA_BROKERS as everywhere, default 127.0.0.1:9092)
 *
 * Checked, each a failure (exit code 1) when wrong:
 * - every good event is counted exactly once: the windows in ClickHouse sum to the number sent;
 * - every bad message is in the DLQ, found by its source partition and offset, with a reason,
 *   and nothing else is (no good event dead-lettered);
 * - the process stays up and its peak resident memory stays under --max-rss-mb (default 1500);
 * - no API request gets a 5xx or kills the server, and every error answer is the JSON error shape.
 * Printed: sent / good counted / bad in the DLQ per kind with an example reason, peak memory.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, buildApp, generator, isolatedEnv } = require('../bench/bench-support.cjs');
const { MODELS, NUMERIC, CATEGORICAL, CATEGORIES, goodEvent, BAD_KINDS } = require('./hostile-events.cjs');
const { fuzzApi } = require('./api-fuzz.cjs');

const DIST = path.join(ROOT, 'dist', 'apps', 'standalone');
const MAIN = path.join(DIST, 'apps', 'standalone', 'src', 'main.js');
const PARTITIONS = 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const args = { messages: 40_000, badShare: 0.5, build: true, seed: 1, maxRssMb: 1500, port: 18_480 };
  const usage = 'use --messages N, --bad-share 0..1, --seed N, --max-rss-mb N, --port N, --no-build';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') args.build = false;
    else if (['--messages', '--bad-share', '--seed', '--max-rss-mb', '--port'].includes(a)) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) fail(`${a} needs a number, got ${argv[i] ?? 'nothing'} (${usage})`);
      args[a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
    } else fail(`unknown argument ${a} (${usage})`);
  }
  if (!Number.isInteger(args.messages) || args.messages < 100) fail('--messages must be an integer >= 100');
  if (!(args.badShare > 0 && args.badShare < 1)) fail('--bad-share must be between 0 and 1 (exclusive)');
  return args;
}

function fail(message) {
  process.stderr.write(`fuzz: ${message}\n`);
  process.exit(1);
}

function peakRssMb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** A small baseline per model, so good events are binned and judged as in production. */
function baselineFor(modelId) {
  const features = NUMERIC.map((name) => ({
    name, kind: 'numeric', edges: [-1000, -500, 0, 500, 1000], binCounts: [100, 200, 400, 400, 200, 100], categories: {},
    count: 1400, missing: 0, min: -3000, max: 3000, mean: 0, std: 1000, median: 0, importance: null,
  }));
  for (const name of CATEGORICAL) {
    features.push({
      name, kind: 'categorical', edges: [], binCounts: [], categories: Object.fromEntries(CATEGORIES.map((c) => [c, 100])),
      count: 100 * CATEGORIES.length, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null,
    });
  }
  return { modelId, modelVersion: '1', baselineId: `fuzz-${crypto.createHash('sha1').update(modelId).digest('hex').slice(0, 12)}`, createdAt: Date.now(), rowCount: 1400, source: 'fuzz', features };
}

/** The messages in send order, each with its fate; message i goes to partition i % PARTITIONS. */
function planMessages(args) {
  const rand = generator(args.seed);
  const now = Date.now();
  const plan = [];
  for (let i = 0; i < args.messages; i++) {
    const event = goodEvent(i, rand, now);
    if (rand.uniform() < args.badShare) {
      const [kind, make] = BAD_KINDS[Math.floor(rand.uniform() * BAD_KINDS.length)];
      plan.push({ good: false, kind, key: event.modelId, value: make(i, event, rand) });
    } else plan.push({ good: true, kind: 'good', key: event.modelId, value: Buffer.from(JSON.stringify(event)) });
  }
  return plan;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build || !fs.existsSync(MAIN)) buildApp('standalone');
  const { createKafka, createProducer, ensureTopics, kafkaClientConfig, readDlqMetadata } = require(path.join(DIST, 'libs', 'kafka', 'src', 'index.js'));
  const { loadConfig } = require(path.join(DIST, 'libs', 'config', 'src', 'index.js'));
  const { openStore } = require(path.join(DIST, 'libs', 'store', 'src', 'index.js'));

  const base = `dw-fuzz.${Date.now()}.${crypto.randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-fuzz-'));
  const env = isolatedEnv(base, dataDir, {
    HTTP_PORT: String(args.port),
  });
  const config = loadConfig(env);
  const kafka = createKafka(kafkaClientConfig(config.kafka, { clientId: 'driftwatch-fuzz', logLevel: 'error' }));
  const admin = kafka.admin();
  await admin.connect();
  const topics = Object.values(config.topics);
  let child;
  try {
    await ensureTopics(admin, [{ topic: config.topics.events, numPartitions: PARTITIONS }]);
    const store = await openStore(config);
    for (const m of MODELS) await store.baselines.save(baselineFor(m));
    await store.close();

    const plan = planMessages(args);
    const good = plan.filter((m) => m.good).length;
    process.stdout.write(`fuzz: ${plan.length.toLocaleString('en-US')} messages (${good.toLocaleString('en-US')} good, ${(plan.length - good).toLocaleString('en-US')} bad of ${BAD_KINDS.length + 0} kinds) to ${config.topics.events}…\n`);

    // Produced before the app starts, in order per partition, so message i has offset floor(i / PARTITIONS).
    const producer = createProducer(kafka);
    await producer.connect();
    const sizeOf = (m) => (m.value?.length ?? 0) + 200;
    for (let p = 0; p < PARTITIONS; p++) {
      let batch = [];
      let bytes = 0;
      const flush = async () => {
        if (batch.length > 0) await producer.send({ topic: config.topics.events, messages: batch });
        batch = [];
        bytes = 0;
      };
      for (let i = p; i < plan.length; i += PARTITIONS) {
        if (bytes + sizeOf(plan[i]) > 900_000) await flush();
        batch.push({ key: plan[i].key, value: plan[i].value, partition: p });
        bytes += sizeOf(plan[i]);
      }
      await flush();
    }
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(config.topics.events);
    const sent = offsets.reduce((s, o) => s + Number(o.high), 0);
    if (sent !== plan.length) throw new Error(`the events topic holds ${sent} messages, expected ${plan.length}`);

    child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const started = Date.now();
    let peakRss = 0;
    for (;;) {
      await sleep(250);
      peakRss = Math.max(peakRss, peakRssMb(child.pid));
      if (child.exitCode !== null) throw new Error(`driftwatch exited (code ${child.exitCode}):\n${stderr}`);
      const [committed] = await admin.fetchOffsets({ groupId: config.kafka.groups.aggregator, topics: [config.topics.events] });
      const done = committed.partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
      if (done >= plan.length) break;
      if (Date.now() - started > 900_000) throw new Error(`only ${done} of ${plan.length} messages committed after 15 minutes`);
    }
    const drainSeconds = (Date.now() - started) / 1000;
    process.stdout.write(`fuzz: all ${plan.length.toLocaleString('en-US')} messages consumed and committed in ${drainSeconds.toFixed(1)} s\n`);

    // The DLQ: every bad message by its source position, nothing else.
    const expectedBad = new Map();
    plan.forEach((m, i) => { if (!m.good) expectedBad.set(`${i % PARTITIONS}:${Math.floor(i / PARTITIONS)}`, m.kind); });
    const dead = await readAll(kafka, config.topics.dlq, expectedBad.size, readDlqMetadata);
    const problems = [];
    const byKind = new Map();
    const seen = new Set();
    for (const d of dead) {
      if (d.meta?.sourceTopic !== config.topics.events) continue;
      const position = `${d.meta.sourcePartition}:${d.meta.sourceOffset}`;
      const kind = expectedBad.get(position);
      if (!kind) problems.push(`a good message (${position}) was dead-lettered: ${d.meta.reason}`);
      else if (seen.has(position)) problems.push(`${position} (${kind}) dead-lettered twice`);
      else if (!d.meta.reason) problems.push(`${position} (${kind}) has no reason`);
      seen.add(position);
      const k = byKind.get(kind) ?? { n: 0, reason: d.meta.reason };
      k.n++;
      byKind.set(kind, k);
    }
    const missing = [...expectedBad].filter(([pos]) => !seen.has(pos));
    if (missing.length > 0) problems.push(`${missing.length} bad messages are not in the DLQ, e.g. ${missing.slice(0, 3).map(([p, k]) => `${p} (${k})`).join(', ')}`);

    const api = await fuzzApi(`http://127.0.0.1:${args.port}`, { models: MODELS, seed: args.seed });
    problems.push(...api.problems);
    peakRss = Math.max(peakRss, peakRssMb(child.pid));
    if (child.exitCode !== null) problems.push(`driftwatch exited during the API fuzz:\n${stderr}`);
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));

    // The windows, read once the app has released the data directory.
    const check = await openStore(config);
    const rows = await (await check.client.client.query({ query: `SELECT model_id, sum(event_count) AS n FROM ${check.client.table('windows')} GROUP BY model_id`, format: 'JSONEachRow' })).json();
    await check.close();
    const counted = rows.reduce((s, r) => s + Number(r.n), 0);
    if (counted !== good) problems.push(`the windows count ${counted} events, ${good} good ones were sent`);
    const perModel = new Map(rows.map((r) => [r.model_id, Number(r.n)]));
    for (const m of MODELS) if (!perModel.get(m)) problems.push(`no events counted for model ${JSON.stringify(m)}`);
    if (!(peakRss < args.maxRssMb)) problems.push(`peak resident memory ${peakRss.toFixed(0)} MB is over --max-rss-mb ${args.maxRssMb}`);

    const lines = [
      '',
      '| kind | sent | in the DLQ | example reason |',
      '| --- | ---: | ---: | --- |',
      ...[...new Set(plan.filter((m) => !m.good).map((m) => m.kind))].sort().map((kind) => {
        const sentOfKind = plan.filter((m) => m.kind === kind).length;
        const k = byKind.get(kind);
        return `| ${kind} | ${sentOfKind} | ${k?.n ?? 0} | ${(k?.reason ?? '–').slice(0, 90).replace(/\|/g, '\\|')} |`;
      }),
      '',
      `events: sent ${plan.length}, good ${good}, good counted in windows ${counted}, bad ${expectedBad.size}, bad in the DLQ ${seen.size}`,
      `api: ${api.requests} hostile requests, status classes ${JSON.stringify(api.statuses)}`,
      `standalone peak resident memory: ${peakRss.toFixed(0)} MB`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (problems.length > 0) {
      process.stderr.write(`\nfuzz: ${problems.length} problem(s):\n${problems.slice(0, 30).map((p) => `- ${p}`).join('\n')}\n`);
      process.exitCode = 1;
    } else process.stdout.write('fuzz: passed\n');
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Reads a topic from the start until `expected` messages arrived or nothing new came for 20 s. */
async function readAll(kafka, topic, expected, readMeta) {
  const consumer = kafka.consumer({ groupId: `dw-fuzz-reader-${crypto.randomBytes(4).toString('hex')}`, maxBytes: 50 * 1024 * 1024 });
  const out = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => { out.push({ meta: readMeta(message.headers) }); last = Date.now(); } });
  while (out.length < expected && Date.now() - last < 20_000) await sleep(200);
  // A few seconds more: a good message dead-lettered by mistake would arrive among the others.
  await sleep(3_000);
  await consumer.disconnect();
  return out;
}

main().catch((error) => {
  process.stderr.write(`fuzz failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
