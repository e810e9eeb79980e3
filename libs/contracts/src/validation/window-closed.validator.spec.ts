import { describe, expect, it } from 'vitest';
import type { WindowClosedMessage } from '../events/window-closed';
import { validateWindowClosed } from './window-closed.validator';

const good: WindowClosedMessage = {
  schemaVersion: 1,
  modelId: 'credit-risk',
  modelVersion: '7',
  windowStart: 1795701600000,
  windowEnd: 1795701660000,
  eventCount: 120,
  lateCount: 3,
  closedAt: 1795701665000,
  reason: 'watermark',
};

describe('validateWindowClosed', () => {
  it('accepts every close reason', () => {
    for (const reason of ['watermark', 'idle', 'late-update'] as const) {
      expect(validateWindowClosed({ ...good, reason })).toEqual({ ok: true, value: { ...good, reason } });
    }
  });

  it.each([
    [{ schemaVersion: 2 }, 'schemaVersion: unsupported version 2, expected 1'],
    [{ schemaVersion: undefined }, 'schemaVersion: required'],
    [{ windowEnd: 1795701600000 }, 'windowEnd: must be after windowStart (1795701600000 <= 1795701600000)'],
    [{ windowStart: '2026-11-26T14:00:00Z' }, 'windowStart: expected a non-negative integer, got string'],
    [{ eventCount: -1 }, 'eventCount: expected a non-negative integer, got -1'],
    [{ eventCount: 1.5 }, 'eventCount: expected a non-negative integer, got 1.5'],
    [{ lateCount: 121 }, 'lateCount: must not exceed eventCount (121 > 120)'],
    [{ closedAt: undefined }, 'closedAt: required'],
    [{ reason: 'manual' }, 'reason: expected one of watermark|idle|late-update, got "manual"'],
    [{ reason: undefined }, 'reason: required'],
    [{ modelVersion: '' }, 'modelVersion: must be a non-empty string of at most 128 characters, got an empty string'],
  ])('rejects %j', (patch, reason) => {
    expect(validateWindowClosed({ ...good, ...patch })).toMatchObject({ ok: false, reason });
  });
});
