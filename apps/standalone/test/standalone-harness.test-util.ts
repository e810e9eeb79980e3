// The whole standalone process (StandaloneModule.forRoot, as main.ts builds it) inside the test
// process, on a real broker and a temporary embedded ClickHouse directory, with topics and
// consumer groups of its own; plus readers of its output topics.
import type { AddressInfo } from 'node:net';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, createProducer, ensureTopics, topicSpecs } from '@driftwatch/kafka';
import { collectTopic, connectAdminOrExplain, isolatedEnv, tempDir, TEST_BROKERS, uniqueName, waitFor as pollUntil, type TopicCollector } from '@driftwatch/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { AggregatorService } from '@driftwatch/aggregator';
import { AlerterService } from '@driftwatch/alerter';
import { configureHttpApp } from '@driftwatch/api';
import { EvaluatorService } from '@driftwatch/evaluator';
import { StandaloneModule } from '../src/standalone.module';

/** `describe` adds what has arrived so far to the timeout error. */
export function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, describe?: () => string): Promise<void> {
  return pollUntil(what, condition, timeoutMs, { describe });
}

export interface Received {
  partition: number;
  offset: string;
  value: Buffer;
}

export interface TopicReader {
  readonly messages: Received[];
  /** True once every message the topic held when called has been read. */
  caughtUp(): Promise<boolean>;
}

export interface StandaloneEnv {
  config: DriftwatchConfig;
  app: NestExpressApplication;
  /** http://127.0.0.1:port */
  baseUrl: string;
  port: number;
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  /** Reads a topic from the beginning with a group of its own, for as long as the env lives. */
  read(topic: string): Promise<TopicReader>;
  /** True when `groupId` has committed every message of `topic`. */
  drained(groupId: string, topic: string): Promise<boolean>;
  json<T>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * Starts the standalone app. `env` holds the variables the process would get; they are set in
 * process.env for the app's lifetime and the configuration, every service's section included,
 * is loaded from there once, as in production.
 */
export async function startStandalone(tag: string, env: Record<string, string>): Promise<StandaloneEnv> {
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: `standalone-test-${tag}`, logLevel: 'error', connectionTimeoutMs: 2_000 });
  const admin = await connectAdminOrExplain(kafka);
  const data = tempDir(`driftwatch-${tag}-`);
  const vars: Record<string, string> = { ...isolatedEnv(uniqueName(tag), { dataDir: data.dir }), ...env };
  const saved = new Map(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const config = loadConfig(process.env);
  // Created here with the default partition counts, so readers can subscribe before the app runs.
  await ensureTopics(admin, topicSpecs(config.topics));

  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.forRoot(config), {
    abortOnError: false,
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  await Promise.all([app.get(AggregatorService).engine.whenAssigned(), app.get(EvaluatorService).consumer.whenAssigned(), app.get(AlerterService).engine.whenAssigned()]);

  const producer = createProducer(kafka);
  await producer.connect();
  const readers: TopicCollector<Received>[] = [];
  const baseUrl = `http://127.0.0.1:${port}`;

  const endOffsets = async (topic: string) => new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));

  return {
    config,
    app,
    baseUrl,
    port,
    kafka,
    admin,
    producer,
    async read(topic) {
      const collector = await collectTopic(kafka, topic, {
        maxWaitTimeInMs: 50,
        map: (message, partition): Received => ({ partition, offset: message.offset, value: message.value ?? Buffer.alloc(0) }),
      });
      readers.push(collector);
      return {
        messages: collector.messages,
        async caughtUp() {
          for (const [partition, high] of await endOffsets(topic)) if (high > 0n && (collector.positions.get(partition) ?? 0n) < high) return false;
          return true;
        },
      };
    },
    async drained(groupId, topic) {
      const high = await endOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      for (const [partition, end] of high) if (end > 0n && (at.get(partition) ?? -1n) < end) return false;
      return true;
    },
    async json<T>(method: string, urlPath: string, body?: unknown) {
      const res = await fetch(`${baseUrl}${urlPath}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async close() {
      for (const r of readers) await r.stop().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await app.close().catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(config.topics) }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      data.remove();
    },
  };
}
