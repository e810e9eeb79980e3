import { DEAD_LETTER_CODES } from '@driftwatch/ingest';
import { describe, expect, it } from 'vitest';
import { DLQ_REASON_CLASSES, dlqReasonClass } from './dlq-reason.util';

describe('dlqReasonClass', () => {
  it('takes the class from the prefix of the reason, not its free text', () => {
    expect(dlqReasonClass('invalid: features.age: expected number, got object')).toBe('invalid');
    expect(dlqReasonClass('malformed: malformed JSON: Unexpected token } at 12')).toBe('malformed');
    expect(dlqReasonClass('no-baseline: model m version 3 has no baseline')).toBe('no-baseline');
    expect(dlqReasonClass('poison: driftwatch-aggregator failed 3 times on a batch from offset 17; alone, …')).toBe('poison');
    expect(dlqReasonClass('oversized dead letter: kept 65536 of 9000000 bytes; was: invalid: x')).toBe('oversized');
  });

  it('maps the reasons consumers phrase in words', () => {
    expect(dlqReasonClass('empty payload')).toBe('empty-payload');
    expect(dlqReasonClass('invalid evaluation: modelId: required')).toBe('invalid');
    expect(dlqReasonClass('undeliverable incident event: malformed JSON')).toBe('undeliverable');
    expect(dlqReasonClass('webhook delivery failed: ops (https://x): HTTP 500 after 5 attempt(s)')).toBe('webhook-failed');
  });

  it('covers every dead-letter code of the ingest router as its own class', () => {
    for (const code of DEAD_LETTER_CODES) expect(dlqReasonClass(`${code}: something`)).toBe(code);
  });

  it('puts anything else under "other", so the label set stays bounded', () => {
    expect(dlqReasonClass('model 12345 exploded at offset 99')).toBe('other');
    expect(dlqReasonClass('')).toBe('other');
    expect(new Set(DLQ_REASON_CLASSES).size).toBe(DLQ_REASON_CLASSES.length);
  });
});
