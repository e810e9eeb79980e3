import type { Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName } from './unique-name';
import { waitFor, type WaitForOptions } from './wait-for';

export type CollectedMessage = KafkaMessage & { partition: number };

export interface TopicCollector<T> {
  /** Every message read so far, in arrival order; the array grows in place. */
  readonly messages: T[];
  /** Per partition, the offset after the last message read. */
  readonly positions: ReadonlyMap<number, bigint>;
  stop(): Promise<void>;
}

export interface CollectOptions<T> {
  /** The consumer's fetch wait: short, so tests see messages soon after they are written. */
  maxWaitTimeInMs?: number;
  /** Tag of the throwaway consumer group's unique name. */
  groupTag?: string;
  /** What to keep of each message; by default the message with its partition. */
  map?: (message: KafkaMessage, partition: number) => T;
}

/** Reads a topic from the beginning with a throwaway group, collecting its messages until stopped. */
export async function collectTopic<T = CollectedMessage>(kafka: Kafka, topic: string, options: CollectOptions<T> = {}): Promise<TopicCollector<T>> {
  const map = options.map ?? ((message: KafkaMessage, partition: number) => ({ ...message, partition }) as T);
  const consumer = kafka.consumer({ groupId: uniqueName(options.groupTag ?? 'reader'), maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100 });
  const messages: T[] = [];
  const positions = new Map<number, bigint>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push(map(message, partition));
        positions.set(partition, BigInt(message.offset) + 1n);
      },
    });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  return { messages, positions, stop: () => consumer.disconnect() };
}

export interface ReadTopicOptions extends WaitForOptions {
  timeoutMs?: number;
  maxWaitTimeInMs?: number;
}

/** Reads a topic from the beginning with a throwaway group until `done(messages)` holds. */
export async function readTopicUntil(
  kafka: Kafka,
  topic: string,
  done: (messages: CollectedMessage[]) => boolean,
  { timeoutMs = 30_000, maxWaitTimeInMs, ...waitOptions }: ReadTopicOptions = {},
): Promise<CollectedMessage[]> {
  const collector = await collectTopic(kafka, topic, { maxWaitTimeInMs });
  try {
    await waitFor(`messages on ${topic}`, () => done(collector.messages), timeoutMs, waitOptions);
  } finally {
    await collector.stop();
  }
  return collector.messages;
}
