#!/usr/bin/env node
'use strict';
/**
 * Latency from window close to incident and to the page: the built standalone process
 * (aggregator, evaluator, alerter, api in one process, embedded ClickHouse) runs as a child on
 * the local broker; a model gets a baseline, a policy of openAfter 1 / resolveAfter 1 and a
 * generic webhook destination (a receiver in this script) through the API, and windows alternate
 * drifted (a numeric feature moved by 3 std: opens an incident) and clean (resolves it), so every
 * window produces exactly one lifecycle event on driftwatch.incidents and one webhook delivery.
 *
 *   npm run bench:incident-latency [-- --windows 100 --events 1000 --no-build --json out.json]
 *   (= node tools/bench/incident-latency.bench.cjs …; KAFKA_BROKERS as everywhere)
 *
 * Windows are sent one at a time, live: the events of window i+1 close window i (watermark),
 * and the next window is sent only once window i's incident event has been read, so no window
 * waits behind another and each measurement is one window's own path. Per window:
 *   close → incident on Kafka: incident message timestamp − closedAt of the window (closedAt is
 *     taken by the aggregator when its flush closes the window, before it writes the histograms);
 *   windows msg → incident: incident message timestamp − driftwatch.windows message timestamp
 *     (evaluator and alerter only);
 *   close → read by a consumer: when this script's consumer received the incident − closedAt;
 *   close → webhook delivered: when this script's receiver got the delivery (the first attempt
 *     of its Idempotency-Key; a retry would count from its first) − closedAt: what a pager sees.
 * Message timestamps are the producers' CreateTime; all clocks are this machine's.
 * Event times are the hours before now (the aggregator dead-letters events stamped more than an
 * hour ahead of its clock), so the evaluator's silence timer is turned off: it compares the wall
 * clock with event time and would judge the replayed model silent.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const http = require('node:http');
const { ROOT, buildApp, figure, generator, isolatedEnv, npmCommand, summarize, takeJsonOption, writeBenchJson } = require('./bench-support.cjs');
const DIST = path.join(ROOT, 'dist', 'apps', 'standalone');
const MAIN = path.join(DIST, 'apps', 'standalone', 'src', 'main.js');
const MODEL = 'latency-bench';
const VERSION = '1';
const WINDOW_MS = 60_000;
const CLOSING_EVENTS = 5;

const DEFAULT_WINDOWS = 100;
const DEFAULT_EVENTS = 1000;
const WEBHOOK_SECRET = 'latency-bench-webhook-secret';

function parseArgs(argv) {
  const { json, rest } = takeJsonOption(argv);
  const args = { windows: DEFAULT_WINDOWS, events: DEFAULT_EVENTS, build: true, json };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--windows') args.windows = Number(rest[++i]);
    else if (rest[i] === '--events') args.events = Number(rest[++i]);
    else if (rest[i] === '--no-build') args.build = false;
    else throw new Error(`unknown argument ${rest[i]} (use --windows N, --events N per window, --no-build, --json FILE)`);
  }
  if (!Number.isInteger(args.windows) || args.windows < 2) throw new Error('--windows must be an integer >= 2');
  // Below ~1000 events the default Wasserstein >= 0.1 rule flags clean windows now and then.
  if (!Number.isInteger(args.events) || args.events < 200) throw new Error('--events must be an integer >= 200');
  return args;
}



const CHANNELS = ['web', 'app', 'branch'];
function row(rand, shift) {
  return { x: Math.round((50 + 10 * rand.normal() + shift) * 100) / 100, channel: CHANNELS[Math.floor(rand.uniform() * 3)] };
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, condition, timeoutMs, child, stderr) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (child.exitCode !== null) throw new Error(`the standalone process exited while waiting for ${what}:\n${stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** A webhook receiver on a free local port: the first delivery of each window's incident event, with its receipt time. */
async function startReceiver() {
  const deliveries = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = Date.now();
      res.writeHead(204).end();
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (event.modelId === MODEL && !deliveries.has(event.windowStart)) {
          deliveries.set(event.windowStart, { receivedAt, eventType: event.eventType, key: req.headers['idempotency-key'], attempt: Number(req.headers['x-driftwatch-attempt']) });
        }
      } catch {
        // Not an incident event: not this bench's.
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { deliveries, url: `http://127.0.0.1:${server.address().port}/hook`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function run(args) {
  const lib = (name) => require(path.join(DIST, 'libs', name, 'src', 'index.js'));
  const { createKafka, createProducer, ensureTopics, kafkaClientConfig, sendRecords, topicSpecs } = lib('kafka');
  const { loadConfig } = lib('config');
  const { decodeIncidentEvent, decodeWindowClosed } = lib('contracts');
  const { buildBaseline, columnsFromRecords } = lib('stats');

  const base = `dw-bench.latency.${Date.now()}.${crypto.randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-bench-latency-'));
  const port = await freePort();
  const receiver = await startReceiver();
  const env = isolatedEnv(base, dataDir, {
    HTTP_PORT: String(port),
    // The receiver is on this machine; destinations are re-read every half second, not ten.
    DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'true',
    DRIFTWATCH_WEBHOOK_REFRESH_MS: '500',
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    DRIFTWATCH_SILENCE_CHECK_MS: '0',
  });
  const config = loadConfig(env);
  const kafka = createKafka(kafkaClientConfig(config.kafka, { clientId: 'driftwatch-bench-latency', logLevel: 'error' }));
  const admin = kafka.admin();
  await admin.connect();
  const topics = Object.values(config.topics);
  await ensureTopics(admin, topicSpecs(config.topics));

  // The windows and incidents topics as they arrive, with receipt times.
  const closes = new Map();
  const incidents = new Map();
  const reader = kafka.consumer({ groupId: `${base}.reader`, maxWaitTimeInMs: 10 });
  await reader.connect();
  await reader.subscribe({ topics: [config.topics.windows, config.topics.incidents], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ topic, message }) => {
      const receivedAt = Date.now();
      if (topic === config.topics.windows) {
        const d = decodeWindowClosed(message.value);
        if (d.ok && d.event.modelId === MODEL) closes.set(d.event.windowStart, { closedAt: d.event.closedAt, publishedAt: Number(message.timestamp) });
      } else {
        const d = decodeIncidentEvent(message.value);
        if (d.ok && d.event.modelId === MODEL && !incidents.has(d.event.windowStart)) {
          incidents.set(d.event.windowStart, { eventType: d.event.eventType, kind: d.event.kind, feature: d.event.feature, publishedAt: Number(message.timestamp), receivedAt });
        }
      }
    },
  });

  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const producer = createProducer(kafka);
  await producer.connect();
  const api = `http://127.0.0.1:${port}`;
  const call = async (method, url, body) => {
    const res = await fetch(`${api}${url}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  };
  try {
    await waitFor('/health/ready', () => fetch(`${api}/health/ready`).then((r) => r.ok, () => false), 120_000, child, () => stderr);

    const rand = generator(11);
    const training = Array.from({ length: 5000 }, () => row(rand, 0));
    const { columns, kinds } = columnsFromRecords(training);
    const baseline = buildBaseline(columns, { kinds });
    await call('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, { baselineId: 'bench', rowCount: baseline.rowCount, source: 'bench', features: baseline.features });
    await call('PUT', `/api/models/${MODEL}/policy`, { alerting: { openAfter: 1, resolveAfter: 1 }, rollup: { enabled: false } });
    await call('POST', '/api/webhooks', { name: 'latency bench', modelId: MODEL, format: 'generic', url: receiver.url, secret: WEBHOOK_SECRET, minSeverity: 'warning' });
    // Two refreshes of the alerter's destinations, so the first window's event finds it.
    await sleep(1_500);

    const t0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
    const windowEvents = (i, count) => {
      const r = generator(1000 + i);
      const shift = i % 2 === 0 ? 30 : 0; // even windows drifted by 3 std
      return Array.from({ length: count }, (_, k) => ({
        eventId: `w${i}-${k}`,
        modelId: MODEL,
        modelVersion: VERSION,
        timestamp: t0 + i * WINDOW_MS + 3_000 + Math.floor((k * (WINDOW_MS - 5_000)) / count),
        features: row(r, shift),
        prediction: Math.round(r.uniform() * 1e4) / 1e4,
      }));
    };
    const send = (events) => sendRecords(producer, config.topics.events, events.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })));

    process.stdout.write(`${args.windows} windows of ${args.events} events, alternating drifted/clean, ${os.cpus().length} cores\n`);
    const began = Date.now();
    await send(windowEvents(0, args.events));
    const rows = [];
    for (let i = 0; i < args.windows; i++) {
      // Window i+1 closes window i: its first event moves the watermark past i's end + grace.
      await send(i + 1 < args.windows ? windowEvents(i + 1, args.events) : windowEvents(i + 1, args.events).slice(0, CLOSING_EVENTS));
      const start = t0 + i * WINDOW_MS;
      await waitFor(`the incident event of window ${i}`, () => incidents.has(start) && closes.has(start), 60_000, child, () => stderr);
      await waitFor(`the webhook delivery of window ${i}`, () => receiver.deliveries.has(start), 60_000, child, () => stderr);
      const close = closes.get(start);
      const incident = incidents.get(start);
      const delivery = receiver.deliveries.get(start);
      const expected = i % 2 === 0 ? 'opened' : 'resolved';
      if (incident.eventType !== expected || incident.kind !== 'data_drift' || incident.feature !== 'x') {
        throw new Error(`window ${i}: expected ${expected} data_drift/x, got ${incident.eventType} ${incident.kind}/${incident.feature}`);
      }
      if (delivery.eventType !== expected) throw new Error(`window ${i}: the webhook delivered ${delivery.eventType}, expected ${expected}`);
      rows.push({
        window: i,
        eventType: incident.eventType,
        closeToIncident: incident.publishedAt - close.closedAt,
        windowMsgToIncident: incident.publishedAt - close.publishedAt,
        closeToWindowMsg: close.publishedAt - close.closedAt,
        closeToRead: incident.receivedAt - close.closedAt,
        closeToWebhook: delivery.receivedAt - close.closedAt,
        incidentToWebhook: delivery.receivedAt - incident.publishedAt,
        webhookAttempt: delivery.attempt,
      });
      if ((i + 1) % 10 === 0 || i + 1 === args.windows) {
        process.stdout.write(`  ${i + 1}/${args.windows} windows, ${Math.round((Date.now() - began) / 1000)} s\n`);
      }
    }
    return rows;
  } finally {
    await reader.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build || !fs.existsSync(MAIN)) buildApp('standalone');
  const rows = await run(args);
  const line = (label, key, subset = rows) => {
    const s = summarize(subset.map((r) => r[key]));
    process.stdout.write(
      `  ${label.padEnd(40)} median ${String(s.median).padStart(5)} ms   p99 ${String(s.p99).padStart(5)} ms   worst ${String(s.worst).padStart(5)} ms   (min ${s.min}, n ${s.n})\n`,
    );
    return s;
  };
  process.stdout.write('\nper window (ms): window event closeToIncident windowMsgToIncident closeToRead closeToWebhook\n');
  for (const r of rows) {
    process.stdout.write(
      `  ${String(r.window).padStart(3)} ${r.eventType.padEnd(8)} ${String(r.closeToIncident).padStart(6)} ${String(r.windowMsgToIncident).padStart(6)} ${String(r.closeToRead).padStart(6)} ${String(r.closeToWebhook).padStart(6)}\n`,
    );
  }
  process.stdout.write(`\nlatency over the run (${rows.length} windows, each one incident event and one webhook delivery):\n`);
  const kafka = line('window close → incident on Kafka', 'closeToIncident');
  const evaluateAndAlert = line('windows message → incident on Kafka', 'windowMsgToIncident');
  const announce = line('window close → windows message', 'closeToWindowMsg');
  line('window close → incident read', 'closeToRead');
  const webhook = line('window close → webhook delivered', 'closeToWebhook');
  const deliver = line('incident on Kafka → webhook delivered', 'incidentToWebhook');
  const opened = rows.filter((r) => r.eventType === 'opened');
  line('close → incident, drifted (opened) only', 'closeToIncident', opened);
  line('close → webhook, drifted (opened) only', 'closeToWebhook', opened);
  const retried = rows.filter((r) => r.webhookAttempt > 1).length;
  if (retried > 0) process.stdout.write(`  ${retried} deliveries arrived at a later attempt\n`);
  if (args.json) {
    const command = npmCommand('bench:incident-latency', [
      ...(args.windows !== DEFAULT_WINDOWS ? ['--windows', String(args.windows)] : []),
      ...(args.events !== DEFAULT_EVENTS ? ['--events', String(args.events)] : []),
    ]);
    const figures = [
      figure('window close → incident on Kafka, median', kafka.median, 'ms', command),
      figure('window close → incident on Kafka, p99', kafka.p99, 'ms', command),
      figure('window close → incident on Kafka, worst', kafka.worst, 'ms', command),
      figure('window close → webhook delivered, median', webhook.median, 'ms', command),
      figure('window close → webhook delivered, p99', webhook.p99, 'ms', command),
      figure('window close → webhook delivered, worst', webhook.worst, 'ms', command),
    ];
    const notes =
      `${rows.length} windows of ${args.events} events sent one at a time, alternating drifted (opens) and clean (resolves): each figure is one window's own path, ` +
      `no queue. Medians of the legs: close → windows message (the aggregator's flush and announce) ${announce.median} ms, windows message → incident ` +
      `(evaluator and alerter) ${evaluateAndAlert.median} ms, incident → webhook delivered ${deliver.median} ms. ` +
      `p99 is the nearest rank (with fewer than 100 windows, the worst). closedAt is the aggregator's clock at the flush; all clocks are this machine's. ` +
      `The standalone process shares the cores with this script's producer and consumer.`;
    writeBenchJson(args.json, 'incident-latency', figures, notes, { windows: rows });
  }
}

main().catch((error) => {
  process.stderr.write(`bench:incident-latency failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
