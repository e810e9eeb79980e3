import { describe, expect, it } from 'vitest';
import { countDeadLetters, dlqMessagesCounter, zeroDlqMessages } from './consumer-metrics';
import { DLQ_REASON_CLASSES } from './dlq-reason.util';

async function dlqValue(topic: string, reason: string): Promise<number | undefined> {
  return (await dlqMessagesCounter().get()).values.find((v) => v.labels.topic === topic && v.labels.reason === reason)?.value;
}

describe('driftwatch_dlq_messages_total', () => {
  it('starts every reason class of a consumed topic at 0', async () => {
    zeroDlqMessages(['zero-topic']);
    for (const reason of DLQ_REASON_CLASSES) expect(await dlqValue('zero-topic', reason)).toBe(0);
  });

  it('counts dead letters by source topic and reason class, never by their free text', async () => {
    countDeadLetters([
      { sourceTopic: 'count-topic', reason: 'invalid: features.age: expected number' },
      { sourceTopic: 'count-topic', reason: 'invalid: modelId: required' },
      { sourceTopic: 'count-topic', reason: 'poison: g failed 3 times on a batch from offset 9' },
      { sourceTopic: 'count-topic', reason: 'something nobody planned for, offset 123' },
    ]);
    expect(await dlqValue('count-topic', 'invalid')).toBe(2);
    expect(await dlqValue('count-topic', 'poison')).toBe(1);
    expect(await dlqValue('count-topic', 'other')).toBe(1);
    const labels = (await dlqMessagesCounter().get()).values.filter((v) => v.labels.topic === 'count-topic').map((v) => String(v.labels.reason));
    for (const reason of labels) expect(DLQ_REASON_CLASSES).toContain(reason);
  });
});
