// The aggregator configured for a SASL cluster (KAFKA_SASL_* as an operator sets them): it
// consumes, writes and publishes its window closes through the SASL_PLAINTEXT listener.
import { loadConfig } from '@driftwatch/config';
import { createKafka, kafkaClientConfig } from '@driftwatch/kafka';
import { openStore, type Store } from '@driftwatch/store';
import { TEST_SASL_BROKERS, TEST_SASL_USER } from '@driftwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import { T0, baselineOf, createTestEnv, engineRepositories, fastOptions, numericFeature, produceEvents, readTopic, waitFor, type TestEnv } from './support/ingest-harness';

let t: TestEnv;
let store: Store;
let engine: IngestEngine;

beforeAll(async () => {
  t = await createTestEnv('sasl', { partitions: 2, idleCloseSeconds: 1 });
  store = await openStore(t.config);
  await store.baselines.save(baselineOf('sasl', 'b-sasl-1', [numericFeature('x', [25, 50, 75], 0, 99)]));
});

afterAll(async () => {
  await engine?.stop();
  await store?.close();
  await t?.cleanup();
});

describe('aggregator over SASL', () => {
  it('refuses to start with a wrong password, naming the mechanism and the variable', async () => {
    const config = loadConfig({
      ...t.env,
      KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
      KAFKA_SASL_PASSWORD: 'wrong-aggregator-secret',
    });
    const kafka = createKafka(kafkaClientConfig(config.kafka, { logLevel: 'nothing' }));
    const refused = new IngestEngine({ config, store, kafka, options: fastOptions(), ...engineRepositories(store) });
    const started = Date.now();
    await expect(refused.start()).rejects.toThrow(/login with .* refused: SASL scram-sha-512 as "driftwatch" \(check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await refused.stop().catch(() => undefined);
  }, 60_000);

  it('counts every event and publishes window closes with SCRAM-SHA-256 credentials from the environment', async () => {
    const config = loadConfig({
      ...t.env,
      KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
      KAFKA_SASL_PASSWORD: TEST_SASL_USER.password,
    });
    const kafka = createKafka(kafkaClientConfig(config.kafka, { logLevel: 'error' }));
    engine = new IngestEngine({ config, store, kafka, options: fastOptions(), ...engineRepositories(store) });
    await engine.start();

    const events = Array.from({ length: 400 }, (_, i) => ({
      event: { eventId: `s${i}`, modelId: 'sasl', modelVersion: '1', timestamp: T0 + i * 100, features: { x: i % 100 } },
      partition: i % 2,
    }));
    await produceEvents(t.producer, t.config.topics.events, events);
    const stored = async () => (await store.windows.windows({ modelId: 'sasl', from: 0, to: T0 + 3_600_000 })).reduce((n, w) => n + w.eventCount, 0);
    await waitFor('400 events stored', async () => (await stored()) === 400, 60_000);
    // Idle close publishes the windows through the SASL producer.
    const closes = await readTopic(t.kafka, t.config.topics.windows, (ms) => ms.length >= 1);
    expect(closes.length).toBeGreaterThanOrEqual(1);
    expect(engine.status().lastError).toBeNull();
  }, 120_000);
});
