// Against the local broker's SASL and TLS listeners (deploy/local/kafka.sh): settings go from
// the environment through loadConfig and kafkaClientConfig into kafkajs, as in every service.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, SASL_MECHANISMS, type Env } from '@driftwatch/config';
import { TEST_SASL_BROKERS, TEST_SASL_USER, TEST_TLS_BROKERS, tempDir, testTlsFile } from '@driftwatch/testing';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchConsumerRunner } from './batch-consumer-runner';
import { createKafka } from './create-kafka';
import { ensureTopics } from './ensure-topics';
import { KafkaAuthenticationError } from './kafka-auth-error';
import { kafkaClientConfig } from './kafka-security';
import { createProducer, sendRecords } from './producer';
import { connectAdminOrExplain, testKafka, uniqueName, waitFor } from './test-broker.test-util';

function clientFrom(env: Env): Kafka {
  const config = loadConfig(env);
  return createKafka(kafkaClientConfig(config.kafka, { clientId: uniqueName('secure'), logLevel: 'nothing', retry: { retries: 1 } }));
}

/** Produces `count` records and reads them back with a group, both through `kafka`. */
async function roundTrip(kafka: Kafka, topic: string, count: number): Promise<string[]> {
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    await sendRecords(producer, topic, Array.from({ length: count }, (_, i) => ({ key: `k${i % 3}`, value: Buffer.from(`m-${i}`) })));
  } finally {
    await producer.disconnect();
  }
  const received: string[] = [];
  const runner = new BatchConsumerRunner(kafka, {
    groupId: uniqueName('secure-group'),
    topics: [topic],
    maxWaitTimeMs: 100,
    handler: async (batch) => {
      for (const m of batch.messages) received.push(m.value!.toString('utf8'));
      return { durableThrough: batch.lastOffset };
    },
  });
  await runner.start();
  try {
    await waitFor(`${count} records through the secured listener`, () => received.length >= count, 30_000);
  } finally {
    await runner.stop();
  }
  return received.sort();
}

function expected(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `m-${i}`).sort();
}

describe('Kafka TLS and SASL against the local broker', () => {
  let plain: Admin;
  const topics: string[] = [];
  const dir = tempDir('kafka-security');

  beforeAll(async () => {
    plain = await connectAdminOrExplain(testKafka());
  });

  afterAll(async () => {
    if (topics.length > 0) await plain?.deleteTopics({ topics }).catch(() => undefined);
    await plain?.disconnect();
    dir.remove();
  });

  async function newTopic(): Promise<string> {
    const topic = uniqueName('secure');
    topics.push(topic);
    await ensureTopics(plain, [{ topic, numPartitions: 2 }]);
    return topic;
  }

  for (const mechanism of SASL_MECHANISMS) {
    it(`produces and consumes through SASL ${mechanism}`, async () => {
      const topic = await newTopic();
      const kafka = clientFrom({
        KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
        KAFKA_SASL_MECHANISM: mechanism.toUpperCase(),
        KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
        KAFKA_SASL_PASSWORD: TEST_SASL_USER.password,
      });
      expect(await roundTrip(kafka, topic, 40)).toEqual(expected(40));
    }, 60_000);
  }

  it('refuses a wrong password at connect with an error naming the mechanism and the variable, not the password', async () => {
    const passwordFile = path.join(dir.dir, 'password');
    writeFileSync(passwordFile, 'not-the-password-0xbad\n');
    const kafka = clientFrom({
      KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    const admin = kafka.admin();
    const started = Date.now();
    const error = await admin.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await admin.disconnect();
    expect(error).toBeInstanceOf(KafkaAuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain('SASL scram-sha-512 as "driftwatch"');
    expect(message).toContain('KAFKA_SASL_PASSWORD_FILE');
    expect(message).toMatch(/authentication failed/i);
    expect(message).not.toContain('0xbad');
    // A refused login is not retried: the service stops at start instead of hanging.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a plain wrong password fails the producer too, naming KAFKA_SASL_PASSWORD', async () => {
    const kafka = clientFrom({
      KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
      KAFKA_SASL_PASSWORD: 'wrong-plain-secret',
    });
    const producer = createProducer(kafka);
    await expect(producer.connect()).rejects.toThrow(/SASL plain as "driftwatch" \(check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD\)/);
    await producer.disconnect();
  });

  it('produces and consumes through TLS with a client certificate', async () => {
    const topic = await newTopic();
    const kafka = clientFrom({
      KAFKA_BROKERS: TEST_TLS_BROKERS.join(','),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: testTlsFile('ca.crt'),
      KAFKA_SSL_CERT_FILE: testTlsFile('client.crt'),
      KAFKA_SSL_KEY_FILE: testTlsFile('client.key'),
    });
    expect(await roundTrip(kafka, topic, 25)).toEqual(expected(25));
  }, 60_000);

  it('names the TLS settings when the broker certificate is not trusted', async () => {
    // Without KAFKA_SSL_CA_FILE, Node's public CAs do not know the local CA.
    const kafka = clientFrom({
      KAFKA_BROKERS: TEST_TLS_BROKERS.join(','),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CERT_FILE: testTlsFile('client.crt'),
      KAFKA_SSL_KEY_FILE: testTlsFile('client.key'),
    });
    const admin = kafka.admin();
    const error = await admin.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await admin.disconnect();
    expect(error).toBeInstanceOf(KafkaAuthenticationError);
    expect((error as Error).message).toMatch(/TLS handshake .* refused: TLS \(check KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE=.*client\.crt/);
    expect((error as Error).message).toMatch(/certificate/);
  }, 30_000);
});
