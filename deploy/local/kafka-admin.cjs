#!/usr/bin/env node
// Broker checks for kafka.sh, through kafkajs (the client every Driftwatch app uses), so
// "ready" means "ready for our clients", not merely "port open".
//   node kafka-admin.cjs wait-ready <brokers> <timeoutMs>   exit 0 once describeCluster answers
//   node kafka-admin.cjs ensure-topics <brokers>            create the default topics that are missing
// The topic list is libs/kafka/src/topics.json, the same one libs/kafka's ensureTopics uses.
'use strict';

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

async function main() {
  const [command, brokers, timeout] = process.argv.slice(2);
  if (command === 'wait-ready' && brokers) return waitReady(brokers, Number(timeout || 60000));
  if (command === 'ensure-topics' && brokers) return ensureTopics(brokers);
  console.error('usage: kafka-admin.cjs wait-ready <brokers> [timeoutMs] | ensure-topics <brokers>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`kafka-admin: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
