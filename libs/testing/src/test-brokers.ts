import type { Admin, Kafka } from 'kafkajs';

/** The brokers integration tests run against: KAFKA_BROKERS, or the local one. */
export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

/** Connects an admin client, or fails with what to do when no broker answers. */
export async function connectAdminOrExplain(kafka: Kafka, brokers: readonly string[] = TEST_BROKERS): Promise<Admin> {
  const admin = kafka.admin({ retry: { retries: 1 } });
  try {
    await admin.connect();
    await admin.describeCluster();
    return admin;
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    throw new Error(
      `No Kafka broker answers at ${brokers.join(',')} (${(error as Error).message}). ` +
        'Start the local one with `deploy/local/kafka.sh start`, or set KAFKA_BROKERS to a running cluster.',
    );
  }
}
