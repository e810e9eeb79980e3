import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { connectAdminOrExplain, TEST_BROKERS } from './test-brokers';

describe('connectAdminOrExplain', () => {
  it('connects to the test broker', async () => {
    const admin = await connectAdminOrExplain(new Kafka({ brokers: TEST_BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 2_000 }));
    try {
      expect((await admin.describeCluster()).brokers.length).toBeGreaterThan(0);
    } finally {
      await admin.disconnect();
    }
  });

  it('names the brokers and how to start one when none answers', async () => {
    const brokers = [`127.0.0.1:${await freePort()}`];
    const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, connectionTimeout: 500, retry: { retries: 0 } });
    await expect(connectAdminOrExplain(kafka, brokers)).rejects.toThrow(
      new RegExp(`^No Kafka broker answers at ${brokers[0]} \\(.+\\)\\. Start the local one with \`deploy/local/kafka.sh start\``),
    );
  });
});
