// Shared by the evaluator's integration specs: a real broker (KAFKA_BROKERS or 127.0.0.1:9092),
// unique topics and consumer group per spec file, a temporary embedded ClickHouse directory.
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type DriftwatchConfig, type EvaluatorConfig } from '@driftwatch/config';
import { createKafka, createProducer, ensureTopics } from '@driftwatch/kafka';
import { RuntimeModule } from '@driftwatch/runtime';
import { collectTopic, connectAdminOrExplain, isolatedEnv, tempDir, TEST_BROKERS, uniqueName, waitFor as pollUntil, windowEnv, type CollectedMessage, type TopicCollector } from '@driftwatch/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { EvaluatorModule } from '../../src/evaluator.module';
import type { EvaluatorHooks } from '../../src/evaluator.options';
import { EvaluatorService } from '../../src/evaluator.service';

/** Polls every 20 ms: the latency bench times evaluations with it. */
export function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  return pollUntil(what, condition, timeoutMs, { intervalMs: 20 });
}

export interface EvaluatorTestEnv {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  config: DriftwatchConfig;
  app: INestApplicationContext;
  /** Stops the evaluator and starts a new one on the same store and topics (`app` is replaced). */
  restart(): Promise<void>;
  /** Messages of a topic as they arrive, from the beginning. */
  tap(topic: string): Promise<CollectedMessage[]>;
  cleanup(): Promise<void>;
}

/** Topics and group of one spec file, and an evaluator running in a Nest application context. */
export async function startEvaluatorEnv(
  tag: string,
  evaluator: Partial<EvaluatorConfig> = {},
  topicLimits: { evaluationsMaxMessageBytes?: number } = {},
  consumer: EvaluatorHooks['consumer'] = {},
): Promise<EvaluatorTestEnv> {
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: `evaluator-test-${tag}`, logLevel: 'error', connectionTimeoutMs: 2_000 });
  const admin = await connectAdminOrExplain(kafka);
  const data = tempDir(`driftwatch-eval-${tag}-`);
  const config = loadConfig({ ...isolatedEnv(uniqueName(tag), { dataDir: data.dir }), ...windowEnv({ idleCloseSeconds: 30 }) }, { evaluator });
  const t = config.topics;
  await ensureTopics(admin, [
    { topic: t.windows, numPartitions: 1 },
    {
      topic: t.evaluations,
      numPartitions: 1,
      ...(topicLimits.evaluationsMaxMessageBytes ? { config: { 'max.message.bytes': String(topicLimits.evaluationsMaxMessageBytes) } } : {}),
    },
    { topic: t.dlq, numPartitions: 1 },
  ]);
  const producer = createProducer(kafka);
  await producer.connect();

  const taps: TopicCollector<CollectedMessage>[] = [];
  const env: EvaluatorTestEnv = {
    kafka,
    admin,
    producer,
    config,
    app: await startEvaluatorApp(config, consumer),
    async restart() {
      await env.app.close();
      env.app = await startEvaluatorApp(config, consumer);
    },
    async tap(topic) {
      const collector = await collectTopic(kafka, topic, { groupTag: 'tap', maxWaitTimeInMs: 20 });
      taps.push(collector);
      return collector.messages;
    },
    async cleanup() {
      await env.app.close().catch(() => undefined);
      for (const c of taps) await c.stop().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(t) }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      data.remove();
    },
  };
  return env;
}

async function startEvaluatorApp(config: DriftwatchConfig, consumer: EvaluatorHooks['consumer']): Promise<INestApplicationContext> {
  @Module({
    imports: [
      RuntimeModule.forRoot({ config }),
      EvaluatorModule.forRoot({ consumer: { maxWaitTimeMs: 20, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100, ...consumer } }),
    ],
  })
  class EvaluatorTestModule {}
  const app = await NestFactory.createApplicationContext(EvaluatorTestModule, { logger: ['warn', 'error'] });
  await app.init();
  await app.get(EvaluatorService).consumer.whenAssigned();
  return app;
}
