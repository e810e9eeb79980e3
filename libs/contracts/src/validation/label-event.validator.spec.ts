import { describe, expect, it } from 'vitest';
import { validateLabelEvent } from './label-event.validator';

const good = { eventId: '3f0c1a', modelId: 'credit-risk', timestamp: 1795701600123, label: 1 };

describe('validateLabelEvent', () => {
  it('accepts number, string and boolean labels and an ISO timestamp', () => {
    for (const label of [1, 0.5, 'fraud', false]) {
      expect(validateLabelEvent({ ...good, label, timestamp: '2026-11-26T14:00:00.123Z' })).toEqual({
        ok: true,
        value: { ...good, label },
      });
    }
  });

  it('ignores unknown fields', () => {
    expect(validateLabelEvent({ ...good, source: 'crm' })).toEqual({ ok: true, value: good });
  });

  it.each([
    [{ label: undefined }, 'label: required'],
    [{ label: null }, 'label: expected number|string|boolean, got null'],
    [{ label: { a: 1 } }, 'label: expected number|string|boolean, got object'],
    [{ label: Number.NaN }, 'label: expected a finite number, got NaN'],
    [{ label: 'x'.repeat(1025) }, 'label: string value longer than 1024 characters (1025)'],
    [{ eventId: undefined }, 'eventId: required'],
    [{ modelId: [] }, 'modelId: must be a non-empty string of at most 128 characters, got array'],
    [{ timestamp: '2026-02-30' }, 'timestamp: not a valid date or time: "2026-02-30"'],
    [{ timestamp: undefined }, 'timestamp: required'],
  ])('rejects %j', (patch, reason) => {
    expect(validateLabelEvent({ ...good, ...patch })).toMatchObject({ ok: false, reason });
  });
});
