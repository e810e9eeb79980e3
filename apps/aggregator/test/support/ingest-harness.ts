// Shared by the aggregator's integration specs: a real broker (KAFKA_BROKERS or 127.0.0.1:9092),
// unique topics and consumer groups per spec, a temporary embedded ClickHouse directory.
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, createProducer, ensureTopics, sendRecords, type OutgoingRecord } from '@driftwatch/kafka';
import { seededRandom } from '@driftwatch/stats';
import { FeatureKindRepository, FlushPlanRepository, type Baseline, type BaselineFeature, type Store } from '@driftwatch/store';
import {
  connectAdminOrExplain,
  isolatedEnv,
  readTopicUntil,
  tempDir,
  TEST_BROKERS,
  uniqueName,
  windowEnv,
  type CollectedMessage,
} from '@driftwatch/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { aggregatorOptions, type AggregatorOptions } from '../../src/aggregator.options';

export { uniqueName, waitFor } from '@driftwatch/testing';

export const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
export const MIN = 60_000;

export interface TestEnv {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  /** The environment a child aggregator process needs (broker, topics, group, data dir, windows). */
  env: Record<string, string>;
  config: DriftwatchConfig;
  dataDir: string;
  cleanup(): Promise<void>;
}

export interface TestEnvOptions {
  partitions: number;
  windowSeconds?: number;
  outOfOrdernessSeconds?: number;
  graceSeconds?: number;
  idleCloseSeconds?: number;
  maxEventBytes?: number;
  /** The DLQ topic's `max.message.bytes` (default: the broker's). */
  dlqMaxMessageBytes?: number;
}

/** Topics, group and data directory of one spec file; the events topic gets `partitions` partitions. */
export async function createTestEnv(tag: string, o: TestEnvOptions): Promise<TestEnv> {
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: `aggregator-test-${tag}`, logLevel: 'error', connectionTimeoutMs: 2_000 });
  const admin = await connectAdminOrExplain(kafka);
  const data = tempDir(`driftwatch-agg-${tag}-`);
  const dataDir = data.dir;
  const env: Record<string, string> = {
    ...isolatedEnv(uniqueName(tag), { dataDir }),
    ...windowEnv(o),
  };
  if (o.maxEventBytes !== undefined) env.DRIFTWATCH_MAX_EVENT_BYTES = String(o.maxEventBytes);
  const config = loadConfig(env);
  const t = config.topics;
  await ensureTopics(admin, [
    { topic: t.events, numPartitions: o.partitions },
    { topic: t.windows, numPartitions: 1 },
    { topic: t.dlq, numPartitions: 1, ...(o.dlqMaxMessageBytes ? { config: { 'max.message.bytes': String(o.dlqMaxMessageBytes) } } : {}) },
  ]);
  const producer = createProducer(kafka);
  await producer.connect();
  return {
    kafka,
    admin,
    producer,
    env,
    config,
    dataDir,
    async cleanup() {
      await producer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(t) }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      data.remove();
    },
  };
}

/** Aggregator options with short waits, for tests. */
export function fastOptions(overrides: Partial<AggregatorOptions> = {}): AggregatorOptions {
  return {
    ...aggregatorOptions(loadConfig({}).aggregator),
    flushIntervalMs: 100,
    baselineRefreshMs: 300,
    consumer: { maxWaitTimeMs: 50, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 },
    ...overrides,
  };
}

/** The repositories an IngestEngine is given, on `store`'s client (the service gets them injected). */
export function engineRepositories(store: Store): { flushes: FlushPlanRepository; featureKinds: FeatureKindRepository } {
  return { flushes: new FlushPlanRepository(store.client), featureKinds: new FeatureKindRepository(store.client) };
}

/** A raw event as a producer would send it; values are not validated here on purpose. */
export interface RawEvent {
  eventId?: string;
  modelId: string;
  modelVersion: string;
  timestamp: number | string;
  features: Record<string, unknown>;
  prediction?: unknown;
}

export async function produceEvents(producer: Producer, topic: string, events: readonly { event: RawEvent; partition?: number }[]): Promise<void> {
  const records: OutgoingRecord[] = events.map(({ event, partition }) => ({
    key: event.modelId,
    value: Buffer.from(JSON.stringify(event)),
    partition,
  }));
  await sendRecords(producer, topic, records);
}

/** Reads a topic from the beginning with a throwaway group until `done(messages)` holds. */
export function readTopic(kafka: Kafka, topic: string, done: (messages: CollectedMessage[]) => boolean, timeoutMs = 30_000): Promise<CollectedMessage[]> {
  return readTopicUntil(kafka, topic, done, { timeoutMs });
}

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  return seededRandom(seed).uniform;
}

/** A numeric baseline feature; `fineEdges` adds the finer grid real baselines carry (~100 quantiles). */
export function numericFeature(name: string, edges: number[], min: number, max: number, fineEdges: number[] = []): BaselineFeature {
  return {
    name,
    kind: 'numeric',
    edges,
    binCounts: new Array(edges.length + 1).fill(1),
    ...(fineEdges.length > 0 ? { fineEdges, fineCounts: new Array(fineEdges.length + 1).fill(1) } : {}),
    categories: {},
    count: edges.length + 1,
    missing: 0,
    min,
    max,
    mean: null,
    std: null,
    median: null,
    importance: null,
  };
}

/** `count` ascending edges `from + step`, `from + 2·step`, …: a fine grid for tests. */
export function evenGrid(from: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + (k + 1) * step);
}

/** The `count - 1` interior quantiles of a seeded uniform sample on [lo, hi): a grid with irregular steps, like a real baseline's. */
export function sampleGrid(lo: number, hi: number, count: number, seed: number): number[] {
  const r = random(seed);
  const sample = Array.from({ length: 10 * count }, () => lo + r() * (hi - lo)).sort((a, b) => a - b);
  return [...new Set(Array.from({ length: count - 1 }, (_, k) => sample[(k + 1) * 10]))];
}

export function categoricalFeature(name: string, categories: string[], kind: 'categorical' | 'boolean' = 'categorical'): BaselineFeature {
  return {
    name,
    kind,
    edges: [],
    binCounts: [],
    categories: Object.fromEntries(categories.map((c) => [c, 1])),
    count: categories.length,
    missing: 0,
    min: null,
    max: null,
    mean: null,
    std: null,
    median: null,
    importance: null,
  };
}

export function baselineOf(modelId: string, baselineId: string, features: BaselineFeature[], createdAt = T0 - 86_400_000): Baseline {
  return { modelId, modelVersion: '1', baselineId, createdAt, rowCount: 100, source: 'test', features };
}

/** Events counted as invalid so far by every aggregator of this process (the counter is process-wide). */
export async function invalidCount(): Promise<number> {
  const metric = await register.getSingleMetric('driftwatch_events_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === 'invalid').reduce((n, v) => n + v.value, 0);
}
