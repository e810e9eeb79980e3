// `simulate` reads the same KAFKA_SSL* / KAFKA_SASL_* variables as the services and publishes
// through the local broker's SASL listener (deploy/local/kafka.sh).
import { createKafka, ensureTopics } from '@driftwatch/kafka';
import { connectAdminOrExplain, TEST_BROKERS, TEST_SASL_BROKERS, TEST_SASL_USER, uniqueName } from '@driftwatch/testing';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import { BrokerUnavailableError, EventPublisher } from './event-publisher';
import { parseSimulateOptions } from './simulate-options';

const sasl = (password: string) => ({
  KAFKA_BROKERS: TEST_SASL_BROKERS.join(','),
  KAFKA_SASL_MECHANISM: 'scram-sha-256',
  KAFKA_SASL_USERNAME: TEST_SASL_USER.username,
  KAFKA_SASL_PASSWORD: password,
});

describe('simulate: Kafka security settings', () => {
  let admin: Admin;
  const topic = uniqueName('simulate-sasl');

  beforeAll(async () => {
    admin = await connectAdminOrExplain(createKafka({ brokers: TEST_BROKERS, clientId: 'cli-sasl-test', logLevel: 'nothing' }));
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
  });

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('refuses half-done settings before connecting, naming the variable', () => {
    expect(() => parseSimulateOptions({ model: 'm' }, { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'x' }, false)).toThrow(CliError);
    expect(() => parseSimulateOptions({ model: 'm' }, { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'x' }, false)).toThrow(/KAFKA_SASL_USERNAME: is required/);
  });

  it('publishes through SASL with the credentials from the environment', async () => {
    const options = parseSimulateOptions({ model: 'm', topic }, sasl(TEST_SASL_USER.password), false);
    expect(options.kafkaSecurity.sasl?.mechanism).toBe('scram-sha-256');
    const publisher = await EventPublisher.connect(options.brokers, options.topic, options.kafkaSecurity);
    await publisher.send([{ key: 'm', value: Buffer.from('{}') }]);
    await publisher.close();
    const [offsets] = await admin.fetchTopicOffsets(topic);
    expect(offsets.high).toBe('1');
  });

  it('says the login was refused, and which variables to check, for a wrong password', async () => {
    const options = parseSimulateOptions({ model: 'm', topic }, sasl('wrong-simulate-secret'), false);
    const error = await EventPublisher.connect(options.brokers, options.topic, options.kafkaSecurity).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect((error as Error).message).toMatch(/login with .* refused: SASL scram-sha-256 as "driftwatch" \(check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD\)/);
    expect((error as Error).message).not.toContain('wrong-simulate-secret');
  });
});
