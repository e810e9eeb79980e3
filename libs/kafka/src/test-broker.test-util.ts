// Shared by the integration specs: they run against a real broker and never start one themselves.
import { readTopicUntil, TEST_BROKERS, waitFor as pollUntil, type CollectedMessage } from '@driftwatch/testing';
import type { Kafka } from 'kafkajs';
import { createKafka } from './create-kafka';

export { connectAdminOrExplain, TEST_BROKERS, uniqueName } from '@driftwatch/testing';

export function testKafka(clientId = 'driftwatch-kafka-test'): Kafka {
  return createKafka({ brokers: TEST_BROKERS, clientId, logLevel: 'error', connectionTimeoutMs: 2_000 });
}

/** Polls `condition` every 50 ms until it holds, or fails after `timeoutMs` naming what was awaited. */
export function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  return pollUntil(what, condition, timeoutMs, { intervalMs: 50 });
}

/** Reads every message of a topic from the beginning until `count` arrived, with a throwaway group. */
export function readAll(kafka: Kafka, topic: string, count: number): Promise<CollectedMessage[]> {
  return readTopicUntil(kafka, topic, (ms) => ms.length >= count, { timeoutMs: 15_000, intervalMs: 50 });
}
