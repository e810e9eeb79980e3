import { Counter, Gauge, register, type Metric } from 'prom-client';
import { DLQ_REASON_CLASSES, dlqReasonClass } from './dlq-reason.util';

// In the default registry (served by every service's /metrics); created once per process, since
// one process may run several consumers.
function singleton<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

const POISON = 'driftwatch_consumer_poison_messages_total';
const LAG = 'driftwatch_consumer_lag_records';
const DLQ = 'driftwatch_dlq_messages_total';

/** Messages a consumer sent to the DLQ because its handler failed on them alone, by consumer group and topic. */
export function poisonMessagesCounter(): Counter<'group' | 'topic'> {
  return singleton(
    POISON,
    () => new Counter({ name: 'driftwatch_consumer_poison_messages_total', help: 'Messages dead-lettered because the consumer failed on them alone (poison), by group and topic.', labelNames: ['group', 'topic'] }),
  );
}

/**
 * Records of a partition the consumer has not handled yet, by group, topic and partition: the
 * batch's high watermark minus the next offset to handle, set when a batch arrives (its records
 * still to do) and once it is handled. Shown for the partitions this process owns.
 */
export function consumerLagGauge(): Gauge<'group' | 'topic' | 'partition'> {
  return singleton(
    LAG,
    () =>
      new Gauge({
        name: 'driftwatch_consumer_lag_records',
        help: 'Records of a partition not yet handled by the consumer group (high watermark minus next offset), by group, topic and partition.',
        labelNames: ['group', 'topic', 'partition'],
      }),
  );
}

/** Dead letters published, by the topic they came from and their reason class (see dlqReasonClass). */
export function dlqMessagesCounter(): Counter<'topic' | 'reason'> {
  return singleton(
    DLQ,
    () =>
      new Counter({
        name: 'driftwatch_dlq_messages_total',
        help: `Messages sent to the dead-letter topic, by source topic and reason class (${DLQ_REASON_CLASSES.join(', ')}).`,
        labelNames: ['topic', 'reason'],
      }),
  );
}

/** Every reason class of a consumed topic at 0, so the first dead letter shows in increase(). */
export function zeroDlqMessages(topics: readonly string[]): void {
  const counter = dlqMessagesCounter();
  for (const topic of topics) for (const reason of DLQ_REASON_CLASSES) counter.inc({ topic, reason }, 0);
}

export function countDeadLetters(entries: readonly { sourceTopic: string; reason: string }[]): void {
  const counter = dlqMessagesCounter();
  for (const e of entries) counter.inc({ topic: e.sourceTopic, reason: dlqReasonClass(e.reason) });
}
