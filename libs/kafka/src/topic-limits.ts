import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { DEFAULT_MAX_MESSAGE_BYTES } from './record-size';

export interface TopicLimitsOptions {
  /**
   * A fixed limit for every topic (`KAFKA_MAX_MESSAGE_BYTES`), for brokers where the client may
   * not describe topic configs. Unset: each topic's `max.message.bytes`, read once from the broker.
   */
  maxMessageBytes?: number;
  log?: { warn(message: string): void };
}

/** Largest record batch each topic accepts, read from the broker once per topic. */
export class TopicLimits {
  private readonly known = new Map<string, Promise<number>>();

  constructor(
    private readonly kafka: Pick<Kafka, 'admin'>,
    private readonly options: TopicLimitsOptions = {},
  ) {
    const fixed = options.maxMessageBytes;
    if (fixed !== undefined && (!Number.isSafeInteger(fixed) || fixed < 1024)) {
      throw new RangeError(`maxMessageBytes must be a whole number of at least 1024, got ${fixed}`);
    }
  }

  maxMessageBytes(topic: string): Promise<number> {
    if (this.options.maxMessageBytes !== undefined) return Promise.resolve(this.options.maxMessageBytes);
    let limit = this.known.get(topic);
    if (!limit) {
      limit = this.describe(topic);
      this.known.set(topic, limit);
    }
    return limit;
  }

  private async describe(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const answer = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
      });
      const entry = answer.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes');
      const value = Number(entry?.configValue);
      if (Number.isSafeInteger(value) && value > 0) return value;
      throw new Error(`no max.message.bytes in the answer`);
    } catch (error) {
      // Without the limit, the broker default is the safe guess; a refused batch is still split on MESSAGE_TOO_LARGE.
      this.known.delete(topic);
      this.options.log?.warn(
        `could not read max.message.bytes of ${topic} (${(error as Error).message}); assuming ${DEFAULT_MAX_MESSAGE_BYTES} bytes`,
      );
      return DEFAULT_MAX_MESSAGE_BYTES;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
