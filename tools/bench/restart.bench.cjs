#!/usr/bin/env node
'use strict';
/**
 * Stops and restarts as a user sees them, and the consumer-group joins behind them.
 *
 *   npm run bench:restart [-- --runs 3 --signals TERM,INT,KILL]
 *     `npm start` (built app, DRIFTWATCH_SKIP_BUILD=1) in a process group of its own, on its own
 *     topics, groups, data directory and HTTP port; an event consumed; the signal sent to the
 *     group (`kill -TERM -<pgid>`: what systemd and a terminal do); an event produced while it
 *     is down; `npm start` again. Per run: npm's exit code, the stop lines, ms until every
 *     process of the group is gone, ms from the restart to the first event consumed (the
 *     /metrics counter), and the restart's "joining consumer group" notices.
 *   npm run bench:restart -- --join [--runs 5 --sessions 6000,10000,30000]
 *     A member of a group (another process) stopped cleanly or killed with SIGKILL, then a new
 *     member joins at once with the same session timeout: ms until it has its partitions.
 *     Isolates what the group costs a restart from the app's own start-up time.
 *
 * KAFKA_BROKERS as everywhere (default 127.0.0.1:9092). Medians are printed last, one line per case.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { ROOT, isolatedEnv } = require('./bench-support.cjs');

const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const args = { join: false, runs: undefined, signals: ['TERM', 'INT', 'KILL'], sessions: [6_000, 10_000, 30_000] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--join') args.join = true;
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--signals') args.signals = argv[++i].split(',');
    else if (a === '--sessions') args.sessions = argv[++i].split(',').map(Number);
    else throw new Error(`restart.bench: unknown argument ${a}`);
  }
  args.runs ??= args.join ? 5 : 3;
  return args;
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length === 0 ? null : v[Math.floor((v.length - 1) / 2)];
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True while a process (not a zombie) of the group `pgid` is alive. */
function groupAlive(pgid) {
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

async function consumedEvents(port) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('driftwatch_events_total{'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  } catch {
    return -1;
  }
}

function npmStart(env) {
  const t0 = Date.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, t0, output: '', exit: undefined };
  const onData = (d) => (run.output += d.toString());
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((run.exit = { code, signal, at: Date.now() }))));
  return run;
}

async function waitConsumed(run, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && run.exit === undefined) {
    if ((await consumedEvents(port)) > 0) return Date.now();
    await sleep(100);
  }
  return undefined;
}

async function stopGroup(run, signal) {
  const t = Date.now();
  process.kill(-run.child.pid, signal);
  const exit = await run.exited;
  while (groupAlive(run.child.pid)) await sleep(20);
  return { npmExitMs: exit.at - t, groupGoneMs: Date.now() - t, code: exit.code, signal: exit.signal };
}

async function appRun(signal, producer) {
  const base = `bench-restart-${process.pid}-${Date.now() % 1e7}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'driftwatch-bench-restart-'));
  const port = await freePort();
  const env = { ...process.env, ...isolatedEnv(base, dataDir), HTTP_PORT: String(port), DRIFTWATCH_SKIP_BUILD: '1' };
  const send = (n) =>
    producer.send({
      topic: env.DRIFTWATCH_TOPIC_EVENTS,
      messages: [{ key: 'bench', value: JSON.stringify({ eventId: `${base}-${n}-${Date.now()}`, modelId: 'bench-restart', modelVersion: '1', timestamp: new Date().toISOString(), features: { x: n }, prediction: 0.5 }) }],
    });
  try {
    const first = npmStart(env);
    let consumed;
    for (let n = 0; !consumed && first.exit === undefined && Date.now() - first.t0 < 180_000; n++) {
      await send(n).catch(() => undefined); // the topics exist once the app has started
      consumed = await waitConsumed(first, port, 2_000);
    }
    if (!consumed) throw new Error(`the first run consumed nothing:\n${first.output}`);
    const stopped = await stopGroup(first, `SIG${signal}`);
    await send(-1);
    const second = npmStart(env);
    const again = await waitConsumed(second, port, 180_000);
    const result = {
      signal,
      npmExit: stopped.code ?? stopped.signal,
      stopLines: (first.output.match(/received, (stopping|shutting down)/g) ?? []).length,
      again: /again, (stopping|exiting) now/.test(first.output),
      npmExitMs: stopped.npmExitMs,
      groupGoneMs: stopped.groupGoneMs,
      restartToConsumeMs: again ? again - second.t0 : null,
      joinNotices: (second.output.match(/joining consumer group [^\n]*/g) ?? []).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')),
    };
    await stopGroup(second, 'SIGINT');
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await cleanUp(base);
  }
}

async function cleanUp(prefix) {
  const admin = new Kafka({ brokers: BROKERS, clientId: 'bench-restart', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    const { groups } = await admin.listGroups();
    const mine = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (mine.length > 0) await admin.deleteGroups(mine).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** A member of `groupId` in another process; `how` = 'stop' leaves the group, 'kill' dies by SIGKILL once it has joined. */
function previousMember(groupId, topic, sessionMs, how) {
  const script = `
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({ brokers: ${JSON.stringify(BROKERS)}, clientId: 'bench-previous', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: ${JSON.stringify(groupId)}, sessionTimeout: ${sessionMs}, heartbeatInterval: ${Math.min(3000, Math.floor(sessionMs / 3))} });
    consumer.on(consumer.events.GROUP_JOIN, () => setTimeout(() => ${how === 'kill' ? "process.kill(process.pid, 'SIGKILL')" : 'consumer.disconnect().then(() => process.exit(0))'}, 300));
    consumer.connect().then(() => consumer.subscribe({ topics: [${JSON.stringify(topic)}] })).then(() => consumer.run({ eachBatch: async () => {} }));
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

async function joinRun(kafka, topic, sessionMs, how) {
  const groupId = `bench-join-${process.pid}-${Date.now() % 1e7}-${how}`;
  await previousMember(groupId, topic, sessionMs, how);
  const consumer = kafka.consumer({ groupId, sessionTimeout: sessionMs, heartbeatInterval: Math.min(3000, Math.floor(sessionMs / 3)) });
  const t0 = Date.now();
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve(Date.now())));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await consumer.run({ eachBatch: async () => {} });
  const ms = (await joined) - t0;
  await consumer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  return ms;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const kafka = new Kafka({ brokers: BROKERS, clientId: 'bench-restart', logLevel: logLevel.NOTHING });
  const summary = [];
  if (args.join) {
    const topic = `bench-join-${process.pid}-${Date.now() % 1e7}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    try {
      for (const sessionMs of args.sessions) {
        for (const how of ['stop', 'kill']) {
          const times = [];
          for (let i = 0; i < args.runs; i++) times.push(await joinRun(kafka, topic, sessionMs, how));
          process.stdout.write(`join after ${how} (session ${sessionMs} ms): ${times.join(', ')} ms\n`);
          summary.push(`join after the previous member was ${how === 'stop' ? 'stopped cleanly' : 'killed (SIGKILL)'}, session ${sessionMs} ms: median ${median(times)} ms over ${times.length}`);
        }
      }
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  } else {
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (const signal of args.signals) {
        const runs = [];
        for (let i = 0; i < args.runs; i++) {
          const r = await appRun(signal, producer);
          process.stdout.write(`${JSON.stringify(r)}\n`);
          runs.push(r);
        }
        summary.push(
          `SIG${signal} to the group of npm start: npm exit ${runs.map((r) => r.npmExit).join(',')}, stop lines ${runs.map((r) => r.stopLines).join(',')}, ` +
            `"again" ${runs.filter((r) => r.again).length}/${runs.length}; all gone after median ${median(runs.map((r) => r.groupGoneMs))} ms; ` +
            `restart to first event consumed: median ${median(runs.map((r) => r.restartToConsumeMs))} ms (${runs.map((r) => r.restartToConsumeMs).join(', ')})`,
        );
      }
    } finally {
      await producer.disconnect();
    }
  }
  process.stdout.write(`\n${summary.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`restart.bench: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
