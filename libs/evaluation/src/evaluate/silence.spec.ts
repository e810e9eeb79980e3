import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import { evaluationId } from './evaluation-id';
import { silenceEvaluation } from './silence';

const START = Date.UTC(2026, 10, 26, 14, 0);
const input = { modelId: 'credit-risk', modelVersion: '7', baselineId: null, windowStart: START, windowEnd: START + 60_000, lastWindowEnd: START - 600_000, policy: mergePolicy(null), now: START + 100_000 };

describe('silenceEvaluation', () => {
  it('is an unjudged evaluation of the silent slot with one silence finding', () => {
    const e = silenceEvaluation(input);
    expect(e).toMatchObject({ eventCount: 0, judged: false, granularity: 'window', windowStart: START, windowEnd: START + 60_000, features: [] });
    expect(e.source).toBe('timer');
    expect(e.findings).toEqual([
      {
        kind: 'silence',
        feature: null,
        severity: 'critical',
        metric: 'eventCount',
        value: 0,
        threshold: 1,
        message: 'no events since 2026-11-26T13:50:00.000Z (11 min)',
        details: { lastWindowEnd: START - 600_000 },
      },
    ]);
  });

  it('has an id per slot that differs from the id of a real window of the same slot', () => {
    const e = silenceEvaluation(input);
    expect(silenceEvaluation({ ...input, now: input.now + 5_000 }).evaluationId).toBe(e.evaluationId);
    expect(e.evaluationId).not.toBe(evaluationId('credit-risk', '7', 'window', START, START + 60_000));
    expect(silenceEvaluation({ ...input, windowStart: START + 60_000, windowEnd: START + 120_000 }).evaluationId).not.toBe(e.evaluationId);
  });

  it('says when the last window closed (processing time) when it is known, and where its events ended', () => {
    const closed = START + 20_000;
    const e = silenceEvaluation({ ...input, lastClosedAt: closed, lastWindowEnd: START - 3 * 3_600_000, now: closed + 4 * 60_000 });
    expect(e.findings[0].message).toBe('no window closed since 2026-11-26T14:00:20.000Z (4 min); the last one ended at 2026-11-26T11:00:00.000Z event time');
    expect(e.findings[0].details).toEqual({ lastClosedAt: closed, lastWindowEnd: START - 3 * 3_600_000 });
    // The id stays the slot's, whatever the evidence.
    expect(e.evaluationId).toBe(silenceEvaluation(input).evaluationId);
  });

  it('takes severity and hysteresis from the policy', () => {
    const e = silenceEvaluation({ ...input, policy: mergePolicy({ silence: { severity: 'warning' }, alerting: { openAfter: 2 } }) });
    expect(e.findings[0].severity).toBe('warning');
    expect(e.policy).toEqual({ openAfter: 2, resolveAfter: 3, cooldownSeconds: 3600 });
  });
});
