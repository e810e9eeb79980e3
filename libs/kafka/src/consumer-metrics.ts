import { Counter, register } from 'prom-client';

const NAME = 'driftwatch_consumer_poison_messages_total';

/**
 * Messages a consumer sent to the DLQ because its handler failed on them alone, by consumer
 * group and topic. In the default registry (served by every service's /metrics); created once
 * per process, since one process may run several consumers.
 */
export function poisonMessagesCounter(): Counter<'group' | 'topic'> {
  return (
    (register.getSingleMetric(NAME) as Counter<'group' | 'topic'> | undefined) ??
    new Counter({ name: NAME, help: 'Messages dead-lettered because the consumer failed on them alone (poison), by group and topic.', labelNames: ['group', 'topic'] })
  );
}
