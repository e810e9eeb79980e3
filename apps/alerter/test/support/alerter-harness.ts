// Shared by the alerter's integration specs: a real broker (KAFKA_BROKERS or 127.0.0.1:9092),
// unique topics and consumer groups per spec, a temporary embedded ClickHouse directory.
import { createHash } from 'node:crypto';
import { decodeIncidentEvent, type EvaluationMessage, type Finding, type IncidentEvent, type IncidentKind, type Severity } from '@driftwatch/contracts';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, ensureTopics, sendRecords, type TopicSpec } from '@driftwatch/kafka';
import { collectTopic, isolatedEnv, tempDir as freshDir, TEST_BROKERS, uniqueName, waitFor as pollUntil, type TempDir, type TopicCollector, type CollectedMessage } from '@driftwatch/testing';
import type { Kafka, Producer } from 'kafkajs';
import { DEFAULT_ALERTER_OPTIONS, type AlerterOptions } from '../../src/alerter.options';

export { uniqueName } from '@driftwatch/testing';

export const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
export const MIN = 60_000;

export const quietLog = { log: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) };

export function testConfig(tag: string, dataDir: string, groupPrefix = uniqueName(`${tag}-g`)): DriftwatchConfig {
  return loadConfig({ ...isolatedEnv(uniqueName(tag), { dataDir, groupPrefix }), KAFKA_CLIENT_ID: 'alerter-test' });
}

export function tempDir(): TempDir {
  return freshDir('driftwatch-alerter-');
}

/**
 * Fast consumers and retries for tests. The receivers listen on 127.0.0.1, so non-public
 * destinations are allowed explicitly (DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true); the default refuses them.
 */
export const TEST_OPTIONS: AlerterOptions = {
  ...DEFAULT_ALERTER_OPTIONS,
  webhookAllowPrivate: true,
  webhookIsolation: { concurrency: 1, queueSize: 100, breaker: { failureThreshold: 5, openMs: 60_000 } },
  webhookRetry: { maxAttempts: 4, retryForMs: 60_000, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
  webhookTimeoutMs: 2_000,
  destinationRefreshMs: 100,
  consumer: { maxWaitTimeMs: 50, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 },
};

export async function createTopics(config: DriftwatchConfig): Promise<Kafka> {
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: 'alerter-test', logLevel: 'error' });
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

export function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  return pollUntil(what, condition, timeoutMs, { intervalMs: 50 });
}

/** Collects every message of a topic from the beginning, until stopped. */
export function follow(kafka: Kafka, topic: string): Promise<TopicCollector<CollectedMessage>> {
  return collectTopic(kafka, topic, { maxWaitTimeInMs: 50 });
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

/**
 * What the evaluator publishes for window `i`'s performance once its labels are in: subject
 * 'performance', its own id (the window's key plus the subject), evaluated long after the window.
 */
export function performanceEvaluation(modelId: string, i: number, value: number, o: { bad?: boolean; coverage?: number; judged?: boolean } = {}): EvaluationMessage {
  const windowStart = T0 + i * MIN;
  const coverage = o.coverage ?? 0.8;
  const base = evaluation(modelId, i, []);
  return {
    ...base,
    evaluationId: createHash('sha1').update(`${modelId}/1/window/${windowStart}/performance`).digest('hex'),
    evaluatedAt: windowStart + 30 * MIN,
    judged: o.judged ?? true,
    features: [],
    findings: o.bad ? [{ ...finding('performance_degradation', null, 'critical', value), metric: 'rocAuc', threshold: 0.81, details: { metric: 'rocAuc', value, baselineValue: 0.86 } }] : [],
    policy: { openAfter: 2, resolveAfter: 3, cooldownSeconds: 3600 },
    subject: 'performance',
    performance: { task: 'binary', predicted: 400, labelled: Math.round(400 * coverage), coverage, metric: 'rocAuc', value, baselineValue: 0.86, interval: null, metrics: { rocAuc: value } },
  };
}

/** The incident events collected from driftwatch.incidents, decoded (a message that does not decode fails the test). */
export function incidentEvents(messages: readonly CollectedMessage[]): IncidentEvent[] {
  return messages.map((m) => {
    const decoded = decodeIncidentEvent(m.value ?? Buffer.alloc(0));
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.event;
  });
}

/** Evaluations (or anything shaped like one) as JSON on `topic`, keyed by model id as the evaluator keys them. */
export async function publishEvaluations(producer: Producer, topic: string, values: readonly { modelId: string }[]): Promise<void> {
  await sendRecords(
    producer,
    topic,
    values.map((v) => ({ key: v.modelId, value: JSON.stringify(v) })),
  );
}
