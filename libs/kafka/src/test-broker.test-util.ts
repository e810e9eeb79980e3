// Shared by the integration specs: they run against a real broker and never start one themselves.
import { randomBytes } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { createKafka } from './create-kafka';

export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

export function testKafka(clientId = 'driftwatch-kafka-test'): Kafka {
  return createKafka({ brokers: TEST_BROKERS, clientId, logLevel: 'error', connectionTimeoutMs: 2_000 });
}

/** Connects an admin client, or fails with what to do when no broker answers. */
export async function connectAdminOrExplain(kafka: Kafka): Promise<Admin> {
  const admin = kafka.admin({ retry: { retries: 1 } });
  try {
    await admin.connect();
    await admin.describeCluster();
    return admin;
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    throw new Error(
      `No Kafka broker answers at ${TEST_BROKERS.join(',')} (${(error as Error).message}). ` +
        'Start the local one with `deploy/local/kafka.sh start`, or set KAFKA_BROKERS to a running cluster.',
    );
  }
}

/** A name unique to this test run, so runs never see each other's topics, groups or offsets. */
export function uniqueName(prefix: string): string {
  return `dw-test.${prefix}.${Date.now()}.${randomBytes(3).toString('hex')}`;
}

/** Polls `condition` until it holds, or fails after `timeoutMs` naming what was awaited. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads every message of a topic from the beginning until `count` arrived, with a throwaway group. */
export async function readAll(kafka: Kafka, topic: string, count: number): Promise<(KafkaMessage & { partition: number })[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const received: (KafkaMessage & { partition: number })[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void received.push({ ...message, partition }) });
    await waitFor(`${count} messages on ${topic}`, () => received.length >= count);
  } finally {
    await consumer.disconnect();
  }
  return received;
}
