import type { Producer, RecordMetadata } from 'kafkajs';
import { countDeadLetters } from './consumer-metrics';
import { publishManyToDlq, type DlqEntry } from './dlq';
import { sendRecords, type OutgoingRecord, type SendOptions } from './producer';
import type { TopicLimits } from './topic-limits';

/**
 * The one way services produce: every send is cut under its topic's `max.message.bytes`, so no
 * output (dead letters, window closes, evaluations, incidents) can be refused by the broker and
 * wedge the consumer that produced it.
 */
export class RecordSender {
  constructor(
    readonly producer: Producer,
    private readonly limits: TopicLimits,
  ) {}

  async send(topic: string, records: readonly OutgoingRecord[], options: Omit<SendOptions, 'maxBatchBytes'> = {}): Promise<RecordMetadata[]> {
    if (records.length === 0) return [];
    return sendRecords(this.producer, topic, records, { ...options, maxBatchBytes: await this.limits.maxMessageBytes(topic) });
  }

  /** Dead letters, in order; one too large for the DLQ topic is kept in a bounded form. */
  async deadLetter(topic: string, entries: readonly DlqEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await publishManyToDlq(this.producer, topic, entries, { maxBatchBytes: await this.limits.maxMessageBytes(topic) });
    // Counted once published: a failed send is retried from the source, not lost.
    countDeadLetters(entries);
  }
}
