// Shared by the alerter's integration specs: a real broker (KAFKA_BROKERS or 127.0.0.1:9092),
// unique topics and consumer groups per spec, a temporary embedded ClickHouse directory.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EvaluationMessage, Finding, IncidentKind, Severity } from '@driftwatch/contracts';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, ensureTopics, type TopicSpec } from '@driftwatch/kafka';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { DEFAULT_ALERTER_OPTIONS, type AlerterOptions } from '../../src/alerter.options';

export const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
export const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
export const MIN = 60_000;

export function uniqueName(tag: string): string {
  return `dw-test.${tag}.${Date.now()}.${randomBytes(3).toString('hex')}`;
}

export const quietLog = { log: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) };

export function testConfig(tag: string, dataDir: string, groupPrefix = uniqueName(`${tag}-g`)): DriftwatchConfig {
  const base = uniqueName(tag);
  return loadConfig({
    KAFKA_BROKERS: BROKERS.join(','),
    KAFKA_CLIENT_ID: 'alerter-test',
    DRIFTWATCH_CONSUMER_GROUP_PREFIX: groupPrefix,
    DRIFTWATCH_TOPIC_EVALUATIONS: `${base}.evaluations`,
    DRIFTWATCH_TOPIC_INCIDENTS: `${base}.incidents`,
    DRIFTWATCH_TOPIC_DLQ: `${base}.dlq`,
    DRIFTWATCH_DATA_DIR: dataDir,
  });
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-alerter-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fast consumers and retries for tests. */
export const TEST_OPTIONS: AlerterOptions = {
  ...DEFAULT_ALERTER_OPTIONS,
  webhookRetry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
  webhookTimeoutMs: 2_000,
  destinationRefreshMs: 100,
  consumer: { maxWaitTimeMs: 50, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 },
};

export async function createTopics(config: DriftwatchConfig): Promise<Kafka> {
  const kafka = createKafka({ brokers: BROKERS, clientId: 'alerter-test', logLevel: 'error' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const specs: TopicSpec[] = [
      { topic: config.topics.evaluations, numPartitions: 2 },
      { topic: config.topics.incidents, numPartitions: 1 },
      { topic: config.topics.dlq, numPartitions: 1 },
    ];
    await ensureTopics(admin, specs);
  } finally {
    await admin.disconnect();
  }
  return kafka;
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects every message of a topic from the beginning, until stopped. */
export async function follow(kafka: Kafka, topic: string): Promise<{ messages: KafkaMessage[]; stop(): Promise<void> }> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 50 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, stop: () => consumer.disconnect() };
}

export function finding(kind: IncidentKind, feature: string | null, severity: Severity = 'warning', value = 0.3): Finding {
  return { kind, feature, severity, metric: 'psi', value, threshold: 0.1, message: `${feature ?? 'model'} ${kind} ${value}` };
}

export function evaluation(modelId: string, i: number, findings: Finding[]): EvaluationMessage {
  const windowStart = T0 + i * MIN;
  return {
    schemaVersion: 1,
    // The evaluator's ids are 40 hex digits, deterministic in the window.
    evaluationId: createHash('sha1').update(`${modelId}/1/window/${windowStart}`).digest('hex'),
    modelId,
    modelVersion: '1',
    granularity: 'window',
    windowStart,
    windowEnd: windowStart + MIN,
    evaluatedAt: windowStart + MIN + 500,
    baselineId: 'b1',
    eventCount: 400,
    judged: true,
    features: [
      {
        name: 'income',
        kind: 'numeric',
        importance: 1,
        metrics: { psi: findings.some((f) => f.feature === 'income') ? 0.3 : 0.02 },
        drift: { detected: findings.some((f) => f.feature === 'income'), method: 'psi', value: 0.3, threshold: 0.1, severity: null },
        missingRate: 0,
        baselineMissingRate: 0,
        typeErrorRate: 0,
        newCategoryShare: 0,
        outOfRangeShare: 0,
      },
    ],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: 0.5, detected: false },
    findings,
  };
}
