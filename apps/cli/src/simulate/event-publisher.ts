import type { KafkaSecurityConfig } from '@driftwatch/config';
import { createKafka, createProducer, KafkaAuthenticationError, kafkaSecurityOptions, sendRecords } from '@driftwatch/kafka';
import type { Admin, Producer } from 'kafkajs';

/** Kafka could not be reached, or would not take the events: exit code 3. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}

/** A connected producer for one topic, checked to exist first (the producer never creates topics). */
export class EventPublisher {
  private constructor(
    private readonly producer: Producer,
    readonly topic: string,
    private readonly brokers: readonly string[],
  ) {}

  static async connect(brokers: string[], topic: string, security: KafkaSecurityConfig = {}): Promise<EventPublisher> {
    const where = brokers.join(',');
    const kafka = createKafka({
      brokers,
      ...kafkaSecurityOptions(security),
      clientId: 'driftwatch-simulate',
      logLevel: 'nothing',
      connectionTimeoutMs: 3_000,
      // Fail within seconds when nothing listens, instead of kafkajs' long default backoff.
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    });
    const admin: Admin = kafka.admin();
    let topics: string[];
    try {
      await admin.connect();
      topics = await admin.listTopics();
    } catch (error) {
      // The broker answered and refused the credentials: starting a broker is not the fix.
      if (error instanceof KafkaAuthenticationError) throw new BrokerUnavailableError(error.message);
      throw new BrokerUnavailableError(
        `cannot reach the Kafka broker at ${where} (${reason(error)}); start it with \`deploy/local/kafka.sh start\` (\`npm start\` does), or pass --brokers / set KAFKA_BROKERS`,
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (!topics.includes(topic)) {
      throw new BrokerUnavailableError(
        `topic ${JSON.stringify(topic)} does not exist on ${where}; Driftwatch creates its topics when it starts (\`npm start\`), or pass --topic`,
      );
    }
    const producer = createProducer(kafka, { retry: { retries: 3 } });
    try {
      await producer.connect();
    } catch (error) {
      throw new BrokerUnavailableError(`cannot connect a producer to ${where} (${reason(error)})`);
    }
    return new EventPublisher(producer, topic, brokers);
  }

  /** Sends one batch, keyed by model id (all of a model's events in one partition, in order). */
  async send(values: readonly { key: string; value: Buffer }[]): Promise<void> {
    try {
      await sendRecords(this.producer, this.topic, values);
    } catch (error) {
      throw new BrokerUnavailableError(`sending to ${this.topic} on ${this.brokers.join(',')} failed (${reason(error)})`);
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

function reason(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } } | undefined;
  return e?.cause?.message ?? e?.message ?? String(error);
}
