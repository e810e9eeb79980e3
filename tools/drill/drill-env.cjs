// The pieces every drill is made of: the built standalone process as a child (so it can be
// killed with SIGKILL, stopped with SIGSTOP), a load of drifting and clean windows, a webhook
// receiver that can be taken down, a private Kafka broker for the drill that stops one, and the
// checks: totals in ClickHouse against the events in the log, incidents on Kafka against the
// drifts sent, webhook deliveries against the incidents.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ROOT, generator, isolatedEnv } = require('../bench/bench-support.cjs');

const DIST = path.join(ROOT, 'dist', 'apps', 'standalone');
const MAIN = path.join(DIST, 'apps', 'standalone', 'src', 'main.js');
const KAFKA_SH = path.join(ROOT, 'deploy', 'local', 'kafka.sh');
const WINDOW_MS = 60_000;
const CHANNELS = ['web', 'app', 'branch'];
/** Drifted windows come in blocks of this many, every DRIFT_PERIOD windows of a model. */
const DRIFT_BLOCK = 2;
const DRIFT_PERIOD = 8;
const WEBHOOK_SECRET = 'drill-webhook-secret-0123456789';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const lib = (name) => require(path.join(DIST, 'libs', name, 'src', 'index.js'));

function say(message) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Four consecutive free ports (a broker's client, controller, SASL and TLS listeners). */
async function freePortBlock() {
  for (let tries = 0; tries < 200; tries++) {
    const base = 20_000 + 4 * Math.floor(Math.random() * 9_000);
    const all = await Promise.all([0, 1, 2, 3].map((i) => portFree(base + i)));
    if (all.every(Boolean)) return base;
  }
  throw new Error('no block of four free ports found between 20000 and 56000 for the drill broker');
}

/** Whether window `w` of model number `m` is drifted: blocks of DRIFT_BLOCK windows, staggered per model. */
function drifted(m, w) {
  return w > 0 && (w + 3 * m) % DRIFT_PERIOD < DRIFT_BLOCK;
}

/** The first windows of the drifted blocks of model `m` among windows 0..windows-1: one incident each. */
function driftStarts(m, windows) {
  const starts = [];
  for (let w = 0; w < windows; w++) if (drifted(m, w) && !drifted(m, w - 1)) starts.push(w);
  return starts;
}

function row(rand, shift) {
  return { x: Math.round((50 + 10 * rand.normal() + shift) * 100) / 100, channel: CHANNELS[Math.floor(rand.uniform() * 3)] };
}

/**
 * A private broker (deploy/local/kafka.sh) with its own data directory and ports, for drills that
 * stop the broker: a shared one is never touched. The Kafka jars are linked from an existing data
 * directory when there is one, so no Maven run is needed.
 */
async function privateBroker(tag) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `driftwatch-drill-broker-${tag}-`));
  const port = await freePortBlock();
  const existing = path.resolve(process.env.DRIFTWATCH_DATA_DIR ?? path.join(ROOT, '.driftwatch'), 'kafka');
  fs.mkdirSync(path.join(dataDir, 'kafka'), { recursive: true });
  for (const sub of ['libs', 'cds']) {
    if (fs.existsSync(path.join(existing, sub))) fs.symlinkSync(path.join(existing, sub), path.join(dataDir, 'kafka', sub));
  }
  const env = { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, DRIFTWATCH_KAFKA_PORT: String(port), DRIFTWATCH_KAFKA_SKIP_TOPICS: '1', DRIFTWATCH_KAFKA_STOP_TIMEOUT: '20' };
  const run = (command) => {
    const started = Date.now();
    const r = spawnSync('bash', [KAFKA_SH, command], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kafka.sh ${command} (drill broker on port ${port}) failed with exit code ${r.status}:\n${r.stdout}\n${r.stderr}`);
    return Date.now() - started;
  };
  return {
    brokers: `127.0.0.1:${port}`,
    dataDir,
    start: () => run('start'),
    stop: () => run('stop'),
    remove() {
      try {
        run('stop');
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** An HTTP receiver of webhooks that answers 200 while up and refuses connections while down. */
async function webhookReceiver() {
  const port = await freePort();
  const deliveries = []; // { key, attempt, at }
  const sockets = new Set();
  let server;
  const up = () =>
    new Promise((resolve, reject) => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          deliveries.push({ key: String(req.headers['idempotency-key'] ?? ''), event: String(req.headers['x-driftwatch-event'] ?? ''), attempt: Number(req.headers['x-driftwatch-attempt'] ?? 0), at: Date.now() });
          res.writeHead(200).end();
        });
      });
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
  const down = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  await up();
  return { url: `http://127.0.0.1:${port}/hooks/drill`, deliveries, up, down };
}

/**
 * One service process of the drill: started from its build, ready when `ready()` says so; can be
 * killed (SIGKILL), paused (SIGSTOP/SIGCONT) and stopped (SIGTERM, then SIGKILL after 30 s). Its
 * output goes to `<name>.log` in the drill's directory.
 */
const LIVE = new Set();

/** SIGKILLs every process the drills started (the drill itself is being stopped). */
function killAll() {
  for (const child of LIVE) child.kill('SIGKILL');
}

function serviceProcess(name, main, env, logDir, ready) {
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  let child = null;
  let exited = null;
  let stderrTail = '';
  const running = () => Boolean(child && child.exitCode === null && child.signalCode === null);
  return {
    name,
    logFile,
    alive: running,
    tail: () => stderrTail,
    /** Resolves once ready (ms taken). */
    async start(timeoutMs = 180_000) {
      if (running()) throw new Error(`${name} is already running`);
      const started = Date.now();
      fs.writeSync(log, `\n==== start at ${new Date().toISOString()} ====\n`);
      child = spawn(process.execPath, [main], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', log, 'pipe'] });
      const me = child;
      LIVE.add(me);
      exited = new Promise((resolve) =>
        me.on('exit', (code, signal) => {
          LIVE.delete(me);
          resolve({ code, signal });
        }),
      );
      me.stderr.on('data', (d) => {
        fs.writeSync(log, d);
        stderrTail = (stderrTail + d.toString()).slice(-8_000);
      });
      for (;;) {
        if (me.exitCode !== null || me.signalCode !== null) throw new Error(`${name} exited during start (${me.exitCode ?? me.signalCode}); log ${logFile}:\n${stderrTail}`);
        if (Date.now() - started > timeoutMs) throw new Error(`${name} was not ready within ${timeoutMs} ms; log ${logFile}`);
        if (await ready().catch(() => false)) return Date.now() - started;
        await sleep(200);
      }
    },
    signal(sig) {
      if (!running()) throw new Error(`cannot send ${sig}: ${name} is not running`);
      child.kill(sig);
    },
    async kill9() {
      if (!running()) throw new Error(`cannot kill ${name}: it is not running`);
      child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(30_000).then(() => null)]);
      if (done === null) {
        say(`${name} did not stop within 30 s of SIGTERM: SIGKILL`);
        child.kill('SIGKILL');
        await exited;
      }
    },
    close() {
      fs.closeSync(log);
    },
  };
}

const httpOk = (url) => fetch(url, { signal: AbortSignal.timeout(3_000) }).then((r) => r.ok);
const mainOf = (app) => path.join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');

/**
 * One run of the pipeline for one drill: its own topics, consumer groups and data directory, the
 * standalone process as a child, and a producer of windows. `brokers` defaults to KAFKA_BROKERS.
 */
async function pipeline(tag, { brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', models = 3, eventsPerWindow = 1000, rate = 3000, seed = 1, extraEnv = {}, distributed = false, aggregators = 1 } = {}) {
  const { createKafka, createProducer, ensureTopics, kafkaClientConfig, sendRecords, topicSpecs } = lib('kafka');
  const { loadConfig } = lib('config');
  const { buildBaseline, columnsFromRecords } = lib('stats');

  const base = `dw-drill.${tag}.${Date.now()}.${crypto.randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `driftwatch-drill-${tag}-`));
  const httpPort = await freePort();
  const storePort = distributed ? await freePort() : 0;
  const env = isolatedEnv(base, dataDir, {
    ...(distributed ? { CLICKHOUSE_URL: `http://127.0.0.1:${storePort}` } : {}),
    KAFKA_BROKERS: brokers,
    HTTP_PORT: String(httpPort),
    DRIFTWATCH_WINDOW_SECONDS: String(WINDOW_MS / 1000),
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    // Event times are days in the past (a compressed replay): the silence timer would call it silent.
    DRIFTWATCH_SILENCE_CHECK_MS: '0',
    DRIFTWATCH_PERFORMANCE_INTERVAL_MS: '0',
    DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'true',
    DRIFTWATCH_WEBHOOK_REFRESH_MS: '1000',
    ...extraEnv,
  });
  const config = loadConfig(env);
  const kafka = createKafka(kafkaClientConfig(config.kafka, { clientId: `driftwatch-drill-${tag}`, logLevel: 'nothing', connectionTimeoutMs: 3_000 }));
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSpecs(config.topics));
  const producer = createProducer(kafka);
  await producer.connect();
  const modelIds = Array.from({ length: models }, (_, m) => `drill-${tag}-${m}`);
  // Days back, so a long drill never stamps events ahead of the clock (the aggregator dead-letters those).
  const t0 = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS - 3 * 86_400_000;
  const api = `http://127.0.0.1:${httpPort}`;

  const procs = new Map();
  const health = (port) => () => httpOk(`http://127.0.0.1:${port}/health/ready`);
  if (distributed) {
    procs.set('store', serviceProcess('store', mainOf('store-server'), { ...env, CLICKHOUSE_URL: '', STORE_SERVER_PORT: String(storePort) }, dataDir, () => httpOk(`${env.CLICKHOUSE_URL}/ping`)));
    procs.set('api', serviceProcess('api', mainOf('api'), env, dataDir, health(httpPort)));
    const services = [...Array.from({ length: aggregators }, (_, i) => [`aggregator-${i + 1}`, 'aggregator']), ['evaluator', 'evaluator'], ['alerter', 'alerter']];
    for (const [name, app] of services) {
      const port = await freePort();
      procs.set(name, serviceProcess(name, mainOf(app), { ...env, HTTP_PORT: String(port) }, dataDir, health(port)));
    }
  } else {
    procs.set('standalone', serviceProcess('standalone', MAIN, env, dataDir, health(httpPort)));
  }
  const main = procs.get(distributed ? 'aggregator-1' : 'standalone');
  const logFile = distributed ? dataDir : main.logFile;

  async function call(method, url, body) {
    const res = await fetch(`${api}${url}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** Starts every process (the store server first); resolves once each is ready (ms taken). */
  async function start(timeoutMs = 180_000) {
    const started = Date.now();
    for (const proc of procs.values()) if (!proc.alive()) await proc.start(timeoutMs);
    return Date.now() - started;
  }

  const signal = (sig) => main.signal(sig);
  const kill9 = () => main.kill9();
  const alive = () => [...procs.values()].every((proc) => proc.alive());

  /** Stops the services, then the store server (its clients first). */
  async function stop() {
    for (const proc of [...procs.values()].reverse()) if (proc.name !== 'store') await proc.stop();
  }

  function deadOnes() {
    return [...procs.values()].filter((proc) => !proc.alive()).map((proc) => `${proc.name} exited; log ${proc.logFile}:\n${proc.tail()}`).join('\n');
  }

  async function setup(webhookUrl) {
    const rand = generator(seed);
    const training = Array.from({ length: 5000 }, () => row(rand, 0));
    const { columns, kinds } = columnsFromRecords(training);
    const baseline = buildBaseline(columns, { kinds });
    for (const model of modelIds) {
      await call('POST', `/api/models/${model}/versions/1/baselines`, { baselineId: `${model}-b1`, rowCount: baseline.rowCount, source: 'drill', features: baseline.features });
      await call('PUT', `/api/models/${model}/policy`, { alerting: { openAfter: 1, resolveAfter: 1 }, rollup: { enabled: false } });
    }
    if (webhookUrl) return call('POST', '/api/webhooks', { name: `drill-${tag}`, format: 'generic', url: webhookUrl, secret: WEBHOOK_SECRET });
    return null;
  }

  // The load: window after window of event time, every model's events of a window interleaved,
  // sent in batches at `rate` events/s. A batch the broker refuses is sent again until it goes
  // through (the idempotent producer keeps a retry from writing twice within one send; what the
  // log finally holds is what the checks count).
  let windowsSent = 0;
  let producing = false;
  let stopLoad = false;
  let sendFailures = 0;
  let loadDone = Promise.resolve();

  function windowRecords(w, count) {
    const records = [];
    const start = t0 + w * WINDOW_MS;
    modelIds.forEach((model, m) => {
      const r = generator(seed * 1_000_003 + m * 100_003 + w);
      const shift = drifted(m, w) ? 30 : 0;
      for (let k = 0; k < count; k++) {
        const event = { eventId: `${model}-w${w}-${k}`, modelId: model, modelVersion: '1', timestamp: start + 3_000 + Math.floor((k * (WINDOW_MS - 5_000)) / count), features: row(r, shift) };
        records.push({ k, m, record: { key: model, value: Buffer.from(JSON.stringify(event)) } });
      }
    });
    // Interleaved by position in the window, so models advance together.
    return records.sort((a, b) => a.k - b.k || a.m - b.m).map((x) => x.record);
  }

  async function sendDurably(records) {
    for (;;) {
      try {
        await sendRecords(producer, config.topics.events, records);
        return;
      } catch (error) {
        sendFailures += 1;
        if (sendFailures === 1 || sendFailures % 10 === 0) say(`  producer: send failed (${error.message}); retrying (${sendFailures} failures so far)`);
        await sleep(1_000);
      }
    }
  }

  /** Produces windows until stopLoad() (or `maxWindows`), in the background. */
  function startLoad(maxWindows = Infinity) {
    if (producing) throw new Error('the load is already running');
    producing = true;
    stopLoad = false;
    loadDone = (async () => {
      const batch = 500;
      let sent = 0;
      const began = Date.now();
      while (!stopLoad && windowsSent < maxWindows) {
        const records = windowRecords(windowsSent, eventsPerWindow);
        for (let i = 0; i < records.length; i += batch) {
          await sendDurably(records.slice(i, i + batch));
          sent += Math.min(batch, records.length - i);
          const ahead = (sent / rate) * 1000 - (Date.now() - began);
          if (ahead > 0) await sleep(ahead);
        }
        windowsSent += 1;
      }
      producing = false;
    })();
    return loadDone;
  }

  async function endLoad() {
    stopLoad = true;
    await loadDone;
    // A few events of the next window close the last full one (watermark past its end + grace);
    // they are counted like the rest.
    await sendDurably(windowRecords(windowsSent, 5));
  }

  async function groupLag(groupId, topic) {
    const high = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const at = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    let lag = 0;
    for (const p of high) if (Number(p.high) > 0) lag += Number(p.high) - Math.max(0, at.get(p.partition) ?? 0);
    return lag;
  }

  /** Offsets a group has committed on a topic, summed over partitions. */
  async function committedSum(groupId, topic) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return committed.partitions.reduce((n, q) => n + Math.max(0, Number(q.offset)), 0);
  }

  /** Committed offset per partition of the aggregator's group, and its members now. */
  async function aggregatorGroup() {
    const [committed] = await admin.fetchOffsets({ groupId: config.kafka.groups.aggregator, topics: [config.topics.events] });
    const [group] = (await admin.describeGroups([config.kafka.groups.aggregator])).groups;
    return { offsets: new Map(committed.partitions.map((q) => [q.partition, Number(q.offset)])), members: group.members.length };
  }

  /** The consumer group and topic of a service, for waiting until it consumes. */
  function consumerOf(service) {
    const groups = config.kafka.groups;
    if (service.startsWith('evaluator')) return [groups.evaluator, config.topics.windows];
    if (service.startsWith('alerter')) return [groups.alerter, config.topics.evaluations];
    return [groups.aggregator, config.topics.events];
  }

  /**
   * Waits until a service's group commits again (consuming, not only started; default the
   * aggregator's); ms taken.
   */
  async function waitConsuming(timeoutMs = 180_000, service = 'aggregator') {
    const [groupId, topic] = consumerOf(service);
    const started = Date.now();
    let from;
    for (;;) {
      if (!alive()) throw new Error(deadOnes());
      if (Date.now() - started > timeoutMs) throw new Error(`${groupId} committed nothing on ${topic} within ${timeoutMs} ms; logs in ${logFile}`);
      const now = await committedSum(groupId, topic).catch(() => undefined);
      if (now !== undefined) {
        if (from === undefined) from = now;
        else if (now > from) return Date.now() - started;
      }
      await sleep(250);
    }
  }

  /**
   * Waits until every consumer group has committed its topic to the end, twice in a row 2 s apart.
   * A backlog may take long on a busy machine: it fails only when the lag stops going down for
   * `stallMs` (stuck, not slow), or after `timeoutMs` in all.
   */
  async function waitDrained({ stallMs = 180_000, timeoutMs = 1_800_000 } = {}) {
    const groups = config.kafka.groups;
    const pairs = [
      [groups.aggregator, config.topics.events],
      [groups.evaluator, config.topics.windows],
      [groups.alerter, config.topics.evaluations],
      [`${groups.alerter}-webhooks`, config.topics.incidents],
    ];
    const started = Date.now();
    let calm = 0;
    let last = '';
    let lowest = Infinity;
    let progressAt = Date.now();
    while (calm < 2) {
      if (!alive()) throw new Error(`while draining: ${deadOnes()}`);
      if (Date.now() - progressAt > stallMs) throw new Error(`not drained: the lag (${last}) has not gone down for ${stallMs / 1000} s; logs in ${logFile}`);
      if (Date.now() - started > timeoutMs) throw new Error(`not drained within ${timeoutMs / 1000} s: lag ${last}; logs in ${logFile}`);
      await sleep(2_000);
      try {
        const lags = [];
        for (const [g, t] of pairs) lags.push(await groupLag(g, t));
        last = lags.join('/');
        const total = lags.reduce((a, b) => a + b, 0);
        if (total < lowest) {
          lowest = total;
          progressAt = Date.now();
        }
        calm = total === 0 ? calm + 1 : 0;
      } catch (error) {
        last = `unknown (${error.message})`;
        calm = 0;
      }
    }
  }

  /** Every message of a topic, from the beginning to the end offsets of now, with a group of its own. */
  async function readAll(topic) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
    const messages = [];
    const positions = new Map();
    const consumer = kafka.consumer({ groupId: `${base}.reader.${crypto.randomBytes(3).toString('hex')}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) messages.push({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers });
        positions.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
      },
    });
    const deadline = Date.now() + 300_000;
    while ([...ends].some(([p, high]) => (positions.get(p) ?? 0n) < high)) {
      if (Date.now() > deadline) throw new Error(`could not read ${topic} to its end within 300 s`);
      await sleep(100);
    }
    await consumer.disconnect();
    return messages;
  }

  /** Stops the child and reads the event totals per model from the data directory it leaves. */
  async function storeTotals() {
    await stop();
    const { openStore } = lib('store');
    const store = await openStore(config);
    try {
      const result = await store.client.client.query({
        query: `SELECT model_id, toString(sum(event_count)) AS events FROM ${store.client.table('windows')} GROUP BY model_id ORDER BY model_id`,
        format: 'JSONEachRow',
      });
      return new Map((await result.json()).map((r) => [r.model_id, Number(r.events)]));
    } finally {
      await store.close();
    }
  }

  async function close() {
    stopLoad = true;
    await loadDone.catch(() => undefined);
    await stop().catch(() => undefined);
    await procs.get('store')?.stop().catch(() => undefined);
    for (const proc of procs.values()) proc.close();
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: Object.values(config.topics) }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    if (!process.env.DRIFTWATCH_DRILL_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  return {
    tag,
    config,
    /** A process by name: standalone; or store, api, aggregator-1…n, evaluator, alerter. */
    proc: (name) => {
      const proc = procs.get(name);
      if (!proc) throw new Error(`no process named ${name} in this drill (${[...procs.keys()].join(', ')})`);
      return proc;
    },
    modelIds,
    t0,
    logFile,
    start,
    stop,
    kill9,
    signal,
    alive,
    setup,
    startLoad,
    endLoad,
    waitDrained,
    readAll,
    storeTotals,
    close,
    groupLag,
    waitConsuming,
    aggregatorGroup,
    get windowsSent() {
      return windowsSent;
    },
    get sendFailures() {
      return sendFailures;
    },
  };
}

/**
 * What the drill proves, from the data the run left: totals per model in ClickHouse against the
 * events in the log, one incident opened per drifted block and none twice, and (with a receiver)
 * every incident event delivered, once accepted per Idempotency-Key.
 */
async function verify(p, { receiver, destinationId } = {}) {
  const { decodeIncidentEvent } = lib('contracts');
  const windows = p.windowsSent; // full windows; the closing window has 5 events per model
  const events = await p.readAll(p.config.topics.events);
  const produced = new Map(p.modelIds.map((m) => [m, 0]));
  const ids = new Set();
  let producerDuplicates = 0;
  for (const e of events) {
    const { modelId, eventId } = JSON.parse(e.value.toString());
    produced.set(modelId, (produced.get(modelId) ?? 0) + 1);
    if (ids.has(eventId)) producerDuplicates += 1;
    ids.add(eventId);
  }

  const incidentMessages = await p.readAll(p.config.topics.incidents);
  const dlq = await p.readAll(p.config.topics.dlq);
  const problems = [];
  const byKey = new Map(); // incidentId|eventType|updatedAt -> value (bytes)
  let replayedCopies = 0;
  const opens = new Map(); // model -> Map(incidentId -> windowStart)
  for (const message of incidentMessages) {
    const decoded = decodeIncidentEvent(message.value);
    if (!decoded.ok) {
      problems.push(`undecodable incident event at offset ${message.offset}: ${decoded.reason}`);
      continue;
    }
    const ev = decoded.event;
    const key = `${ev.incidentId}|${ev.eventType}|${ev.updatedAt}`;
    const seen = byKey.get(key);
    if (seen !== undefined) {
      replayedCopies += 1;
      if (!seen.equals(message.value)) problems.push(`incident ${ev.incidentId} ${ev.eventType} at ${ev.updatedAt} published twice with different contents`);
      continue;
    }
    byKey.set(key, message.value);
    if (ev.eventType === 'opened' && ev.kind === 'data_drift' && ev.feature === 'x') {
      if (!opens.has(ev.modelId)) opens.set(ev.modelId, new Map());
      const mine = opens.get(ev.modelId);
      if (mine.has(ev.incidentId)) problems.push(`incident ${ev.incidentId} opened twice`);
      mine.set(ev.incidentId, ev.windowStart);
    }
  }

  const totals = await p.storeTotals();
  const rows = [];
  let lost = 0;
  let doubled = 0;
  let expectedOpens = 0;
  let gotOpens = 0;
  p.modelIds.forEach((model, m) => {
    const want = produced.get(model) ?? 0;
    const got = totals.get(model) ?? 0;
    if (got < want) lost += want - got;
    if (got > want) doubled += got - want;
    if (got !== want) problems.push(`${model}: ${got} events in ClickHouse, ${want} in the log`);
    // The last full window is closed by the closing events; a drift starting at it opens too.
    const starts = driftStarts(m, windows).map((w) => p.t0 + w * WINDOW_MS);
    const opened = [...(opens.get(model) ?? new Map()).values()].sort((a, b) => a - b);
    expectedOpens += starts.length;
    gotOpens += opened.length;
    for (const s of starts) {
      const n = opened.filter((o) => o >= s && o < s + DRIFT_BLOCK * WINDOW_MS).length;
      if (n !== 1) problems.push(`${model}: the drift starting at window ${(s - p.t0) / WINDOW_MS} opened ${n} incidents (want 1)`);
    }
    const stray = opened.filter((o) => !starts.some((s) => o >= s && o < s + DRIFT_BLOCK * WINDOW_MS));
    if (stray.length) problems.push(`${model}: ${stray.length} data_drift incident(s) opened on clean windows (${stray.map((o) => (o - p.t0) / WINDOW_MS).join(', ')})`);
    rows.push({ model, produced: want, stored: got, drifts: starts.length, opened: opened.length });
  });
  const webhookDeadLetters = dlq.filter((d) => d.headers?.['dw-webhook-destination'] !== undefined).length;
  if (dlq.length) problems.push(`${dlq.length} dead letter(s) (${webhookDeadLetters} webhook deliveries given up)`);

  let webhooks;
  if (receiver) {
    const { deliveryIdOf } = lib('alerting');
    const expected = new Set([...byKey.keys()].map((k) => {
      const [incidentId, eventType, updatedAt] = k.split('|');
      return deliveryIdOf({ incidentId, eventType, updatedAt: Number(updatedAt) }, destinationId);
    }));
    const accepted = new Map();
    for (const d of receiver.deliveries) accepted.set(d.key, (accepted.get(d.key) ?? 0) + 1);
    const missing = [...expected].filter((k) => !accepted.has(k)).length;
    const unexpected = [...accepted.keys()].filter((k) => !expected.has(k)).length;
    const repeated = [...accepted.values()].reduce((n, c) => n + (c - 1), 0);
    if (missing) problems.push(`${missing} of ${expected.size} webhook deliveries never arrived`);
    if (unexpected) problems.push(`${unexpected} webhook deliveries with an unexpected Idempotency-Key`);
    webhooks = { expected: expected.size, arrived: expected.size - missing, repeated, maxAttempt: Math.max(0, ...receiver.deliveries.map((d) => d.attempt)) };
  }

  return {
    windows,
    produced: [...produced.values()].reduce((a, b) => a + b, 0),
    stored: [...totals.values()].reduce((a, b) => a + b, 0),
    lost,
    doubled,
    producerDuplicates,
    expectedOpens,
    opened: gotOpens,
    incidentEvents: byKey.size,
    replayedCopies,
    deadLetters: dlq.length,
    webhooks,
    perModel: rows,
    problems,
  };
}

module.exports = { pipeline, privateBroker, webhookReceiver, verify, killAll, say, sleep, MAIN, WINDOW_MS };
