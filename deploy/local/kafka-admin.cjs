#!/usr/bin/env node
// Broker checks for kafka.sh, through kafkajs (the client every Driftwatch app uses), so
// "ready" means "ready for our clients", not merely "port open".
//   node kafka-admin.cjs wait-ready <brokers> <timeoutMs>   exit 0 once describeCluster answers
//   node kafka-admin.cjs ensure-topics <brokers>            create the default topics that are missing
//   node kafka-admin.cjs add-scram-users <brokers> <user> <password>
//                                                           upsert the user's SCRAM-SHA-256 and -512 credentials
// The topic list is libs/kafka/src/topics.json, the same one libs/kafka's ensureTopics uses.
'use strict';

const crypto = require('node:crypto');
const net = require('node:net');
const path = require('node:path');

function loadKafkajs() {
  try {
    return require('kafkajs');
  } catch {
    console.error('kafka-admin: the npm package kafkajs is not installed; run `npm install` at the repository root first.');
    process.exit(2);
  }
}

const { Kafka, logLevel } = loadKafkajs();

function client(brokers) {
  return new Kafka({
    clientId: 'driftwatch-local-kafka',
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
}

async function waitReady(brokers, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    const admin = client(brokers).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      // A controller id of -1 means the KRaft quorum has not elected yet: not ready for topic creation.
      if (cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller >= 0) {
        console.log(`ready: cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)`);
        return 0;
      }
      lastError = 'no active controller yet';
    } catch (e) {
      lastError = e && e.message ? e.message : String(e);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`kafka-admin: broker at ${brokers} did not answer within ${timeoutMs} ms (last error: ${lastError})`);
  return 1;
}

async function ensureTopics(brokers) {
  const specFile = path.join(__dirname, '..', '..', 'libs', 'kafka', 'src', 'topics.json');
  const { topics } = require(specFile);
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      const { brokers: nodes } = await admin.describeCluster();
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.numPartitions,
          replicationFactor: Math.min(3, nodes.length),
          configEntries: Object.entries(t.config || {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
    }
    for (const t of topics) {
      console.log(`topic ${t.name}: ${existing.has(t.name) ? 'exists' : `created (${t.numPartitions} partitions)`}`);
    }
    return 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// kafkajs has no AlterUserScramCredentials and the broker's jars no kafka-configs tool, so the
// request (API key 51, version 0, flexible encoding) is written by hand on the plain listener,
// which needs no authentication. Upserting the same user again only replaces its salt.
const SCRAM = [
  { mechanism: 1, digest: 'sha256', bytes: 32 },
  { mechanism: 2, digest: 'sha512', bytes: 64 },
];
const ITERATIONS = 4096;

function uvarint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
const compactBytes = (b) => Buffer.concat([uvarint(b.length + 1), b]);
const compactString = (s) => compactBytes(Buffer.from(s, 'utf8'));
const int8 = (n) => Buffer.from([n]);
function int16(n) {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}
function int32(n) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
const NO_TAGS = uvarint(0);

// The broker refuses two credentials of one user in one request: one request per mechanism.
function scramRequest(user, password, { mechanism, digest, bytes }) {
  const salt = crypto.randomBytes(32);
  const salted = crypto.pbkdf2Sync(password, salt, ITERATIONS, bytes, digest);
  const upsertions = [Buffer.concat([compactString(user), int8(mechanism), int32(ITERATIONS), compactBytes(salt), compactBytes(salted), NO_TAGS])];
  const clientId = Buffer.from('driftwatch-local-kafka');
  const header = Buffer.concat([int16(51), int16(0), int32(1), int16(clientId.length), clientId, NO_TAGS]);
  const body = Buffer.concat([uvarint(1), uvarint(upsertions.length + 1), ...upsertions, NO_TAGS]);
  const payload = Buffer.concat([header, body]);
  return Buffer.concat([int32(payload.length), payload]);
}

function readUvarint(buf, at) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    n |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [n, at];
    shift += 7;
  }
}

function parseScramResponse(buf) {
  // correlation id, header tags, throttle time, then the results array.
  let at = 4;
  [, at] = readUvarint(buf, at);
  at += 4;
  let count;
  [count, at] = readUvarint(buf, at);
  const errors = [];
  for (let i = 0; i < count - 1; i++) {
    let len;
    [len, at] = readUvarint(buf, at);
    const user = buf.subarray(at, at + len - 1).toString('utf8');
    at += len - 1;
    const code = buf.readInt16BE(at);
    at += 2;
    [len, at] = readUvarint(buf, at);
    const message = len === 0 ? null : buf.subarray(at, at + len - 1).toString('utf8');
    at += Math.max(0, len - 1);
    [, at] = readUvarint(buf, at);
    if (code !== 0) errors.push(`${user}: error ${code}${message ? ` (${message})` : ''}`);
  }
  return errors;
}

async function addScramUsers(brokers, user, password) {
  for (const scram of SCRAM) await upsertScram(brokers, user, password, scram);
  console.log(`SCRAM-SHA-256 and SCRAM-SHA-512 credentials of ${user}: set`);
  return 0;
}

function upsertScram(brokers, user, password, scram) {
  const [host, port] = brokers.split(',')[0].trim().split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port) });
    let data = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer from ${host}:${port} within 10 s`)));
    socket.on('connect', () => socket.write(scramRequest(user, password, scram)));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return;
      socket.end();
      const errors = parseScramResponse(data.subarray(4));
      if (errors.length > 0) return reject(new Error(`AlterUserScramCredentials failed: ${errors.join('; ')}`));
      resolve();
    });
    socket.on('error', reject);
  });
}

async function main() {
  const [command, brokers, timeout] = process.argv.slice(2);
  if (command === 'wait-ready' && brokers) return waitReady(brokers, Number(timeout || 60000));
  if (command === 'ensure-topics' && brokers) return ensureTopics(brokers);
  if (command === 'add-scram-users' && brokers && process.argv[5]) return addScramUsers(brokers, process.argv[4], process.argv[5]);
  console.error('usage: kafka-admin.cjs wait-ready <brokers> [timeoutMs] | ensure-topics <brokers> | add-scram-users <brokers> <user> <password>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`kafka-admin: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
