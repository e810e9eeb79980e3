// Shared by the evaluator's integration specs: a real broker (KAFKA_BROKERS or 127.0.0.1:9092),
// unique topics and consumer group per spec file, a temporary embedded ClickHouse directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, createProducer, ensureTopics } from '@driftwatch/kafka';
import { RuntimeModule } from '@driftwatch/runtime';
import type { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EvaluatorModule } from '../../src/evaluator.module';
import type { EvaluatorOptions } from '../../src/evaluator.options';
import { EvaluatorService } from '../../src/evaluator.service';

export const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

export function uniqueName(tag: string): string {
  return `dw-test.${tag}.${Date.now()}.${randomBytes(3).toString('hex')}`;
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface EvaluatorTestEnv {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  config: DriftwatchConfig;
  app: INestApplicationContext;
  /** Messages of a topic as they arrive, from the beginning. */
  tap(topic: string): Promise<KafkaMessage[]>;
  cleanup(): Promise<void>;
}

/** Topics and group of one spec file, and an evaluator running in a Nest application context. */
export async function startEvaluatorEnv(tag: string, options: Partial<EvaluatorOptions> = {}): Promise<EvaluatorTestEnv> {
  const kafka = createKafka({ brokers: BROKERS, clientId: `evaluator-test-${tag}`, logLevel: 'error', connectionTimeoutMs: 2_000 });
  const admin = kafka.admin({ retry: { retries: 1 } });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`No Kafka broker answers at ${BROKERS.join(',')} (${(error as Error).message}). Start it with \`deploy/local/kafka.sh start\` or set KAFKA_BROKERS.`);
  }
  const base = uniqueName(tag);
  const dataDir = mkdtempSync(path.join(tmpdir(), `driftwatch-eval-${tag}-`));
  const config = loadConfig({
    KAFKA_BROKERS: BROKERS.join(','),
    DRIFTWATCH_DATA_DIR: dataDir,
    DRIFTWATCH_CONSUMER_GROUP_PREFIX: base,
    DRIFTWATCH_TOPIC_EVENTS: `${base}.events`,
    DRIFTWATCH_TOPIC_LABELS: `${base}.labels`,
    DRIFTWATCH_TOPIC_WINDOWS: `${base}.windows`,
    DRIFTWATCH_TOPIC_EVALUATIONS: `${base}.evaluations`,
    DRIFTWATCH_TOPIC_INCIDENTS: `${base}.incidents`,
    DRIFTWATCH_TOPIC_DLQ: `${base}.dlq`,
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '5',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '10',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '30',
  });
  const t = config.topics;
  await ensureTopics(admin, [
    { topic: t.windows, numPartitions: 1 },
    { topic: t.evaluations, numPartitions: 1 },
    { topic: t.dlq, numPartitions: 1 },
  ]);
  const producer = createProducer(kafka);
  await producer.connect();

  @Module({
    imports: [
      RuntimeModule.forRoot({ config }),
      EvaluatorModule.forRoot({ consumer: { maxWaitTimeMs: 20, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 }, ...options }),
    ],
  })
  class EvaluatorTestModule {}
  const app = await NestFactory.createApplicationContext(EvaluatorTestModule, { logger: ['warn', 'error'] });
  await app.init();
  await app.get(EvaluatorService).consumer.whenAssigned();

  const consumers: Consumer[] = [];
  return {
    kafka,
    admin,
    producer,
    config,
    app,
    async tap(topic) {
      const received: KafkaMessage[] = [];
      const consumer = kafka.consumer({ groupId: uniqueName('tap'), maxWaitTimeInMs: 20 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
      return received;
    },
    async cleanup() {
      await app.close().catch(() => undefined);
      for (const c of consumers) await c.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(t) }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
