// Overhead of Monitor.log on the caller (20 features and a score): median and p99 per call,
// JSON and Avro, broker up (KAFKA_BROKERS, default 127.0.0.1:9092, a throwaway topic) and down
// (nothing listening: the queue fills, then every call is a drop). `npm run bench:client`.
import { Kafka, logLevel } from 'kafkajs';
import { it } from 'vitest';
import { Monitor } from '../src/monitor';

const CALLS = Number(process.env.CALLS ?? 50_000);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

function rows(): Record<string, number | string>[] {
  let s = 7;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 1000 }, () => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i % 4 ? rand() : ['a', 'b', 'c'][Math.floor(rand() * 3)]])));
}

async function measure(brokers: string[], format: 'json' | 'avro', topic: string): Promise<string> {
  const data = rows();
  const m = new Monitor({ modelId: 'overhead', modelVersion: '1', brokers, format, eventsTopic: topic, labelsTopic: topic, closeOnExit: false, kafka: { retry: { retries: 2 } } });
  const timings = new Float64Array(CALLS);
  for (let k = 0; k < CALLS; k++) {
    const t0 = process.hrtime.bigint();
    m.log(data[k % 1000], 0.5);
    timings[k] = Number(process.hrtime.bigint() - t0) / 1000;
    // Let the sender run between calls, as between a service's requests.
    if (k % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  await m.close(30_000);
  timings.sort();
  const s = m.stats();
  return `${format.padEnd(6)} median ${timings[CALLS >> 1].toFixed(1)} µs  p99 ${timings[Math.floor(CALLS * 0.99)].toFixed(1)} µs  delivered ${s.delivered} dropped ${s.dropped} failed ${s.failed}`;
}

it('measures the overhead per log call', async () => {
  const kafka = new Kafka({ brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `client-overhead-${Date.now()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  try {
    for (const format of ['json', 'avro'] as const) process.stdout.write(`broker up   ${await measure(BROKERS, format, topic)}\n`);
    for (const format of ['json', 'avro'] as const) process.stdout.write(`broker down ${await measure(['127.0.0.1:1'], format, topic)}\n`);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
});
