import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { BatchConsumerRunner, type BatchConsumerRunnerOptions, type PartitionRef } from './batch-consumer-runner';
import { zeroDlqMessages } from './consumer-metrics';
import type { DlqEntry } from './dlq';
import { ensureTopics } from './ensure-topics';
import { createProducer } from './producer';
import { RecordSender } from './record-sender';
import { TopicLimits } from './topic-limits';
import type { TopicSpec } from './topics';

export interface ShellLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ConsumerShellOptions {
  /** Names the consumer in log lines, e.g. "windows consumer". */
  name: string;
  dlqTopic: string;
  /** `KAFKA_MAX_MESSAGE_BYTES`; unset: each topic's limit, read from the broker. */
  maxMessageBytes?: number;
  /** Topics created (if missing) before consuming. */
  ensure?: readonly TopicSpec[];
  /** The client consumers are made from, when it differs from the producer's (the aggregator watches rejoins on it). */
  consumerKafka?: Kafka;
  /** Failures of a batch from one offset before its messages are tried one by one (default 3). */
  poisonAttempts?: number;
  /** Runs after a poison message went to the DLQ (metrics). */
  onPoison?: () => void;
  log: ShellLog;
}

/** Everything about consuming except the poison wiring, which the shell owns. */
export type ShellConsumerOptions = Omit<BatchConsumerRunnerOptions, 'poison'>;

/**
 * What the four Driftwatch consumers (ingest, windows, incidents, webhooks) share: one producer
 * for the lifetime of the consumer, sends cut under each topic's size limit, dead letters, and
 * a batch runner whose poison messages go to the DLQ with a log line each.
 */
export class ConsumerShell {
  /** Sends through the shell's producer; usable once `start` resolved. */
  readonly sender: RecordSender;
  private readonly producer: Producer;
  private runner: BatchConsumerRunner | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerShellOptions,
  ) {
    this.producer = createProducer(kafka);
    this.sender = new RecordSender(this.producer, new TopicLimits(kafka, { maxMessageBytes: options.maxMessageBytes, log: options.log }));
  }

  /** Creates the topics asked for, connects the producer, then starts consuming. */
  async start(consumer: ShellConsumerOptions): Promise<void> {
    if (this.options.ensure && this.options.ensure.length > 0) {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [...this.options.ensure]);
      } finally {
        await admin.disconnect();
      }
    }
    await this.producer.connect();
    zeroDlqMessages(consumer.topics);
    await this.startConsumer(consumer);
  }

  /** A new runner from the committed offsets (after `stopConsumer`, e.g. when a write failed outside a batch). */
  async startConsumer(consumer: ShellConsumerOptions): Promise<BatchConsumerRunner> {
    const { name, dlqTopic, log } = this.options;
    const runner = new BatchConsumerRunner(this.options.consumerKafka ?? this.kafka, {
      log: (message) => log.log(message),
      ...consumer,
      onError: (error) => {
        log.error(`${name} restarts from the last committed offsets after: ${error.message}`);
        consumer.onError?.(error);
      },
      poison: {
        maxAttempts: this.options.poisonAttempts,
        deadLetter: (entries) => this.sender.deadLetter(dlqTopic, entries),
        onPoison: (p) => {
          log.error(`${name}: ${p.topic}/${p.partition} offset ${p.offset} sent to ${dlqTopic} as poison after ${p.attempts} failed attempts: ${p.error.message}`);
          this.options.onPoison?.();
        },
      },
    });
    this.runner = runner;
    await runner.start();
    return runner;
  }

  /** Stops consuming; `flush` runs while this member still owns its partitions (see BatchConsumerRunner.stop). */
  async stopConsumer(options: { flush?: () => Promise<void> } = {}): Promise<void> {
    await this.runner?.stop(options);
  }

  /** Stops consuming, then disconnects the producer. */
  async stop(options: { flush?: () => Promise<void> } = {}): Promise<void> {
    try {
      await this.stopConsumer(options);
    } finally {
      await this.producer.disconnect().catch(() => undefined);
    }
  }

  /** The current runner (undefined before start). */
  get consumer(): BatchConsumerRunner | undefined {
    return this.runner;
  }

  /** Resolves once the group gave this member a partition. */
  whenAssigned(): Promise<void> {
    if (!this.runner) return Promise.reject(new Error(`${this.options.name}: not started`));
    return this.runner.whenAssigned();
  }

  deadLetter(entries: readonly DlqEntry[]): Promise<void> {
    return this.sender.deadLetter(this.options.dlqTopic, entries);
  }
}

/** The DLQ entry for a consumed message: its bytes and headers as they came, with why. */
export function dlqEntry(source: PartitionRef, message: KafkaMessage, reason: string): DlqEntry {
  return { original: message, sourceTopic: source.topic, partition: source.partition, reason };
}
