import { decodeEvaluation, encodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import type { PolicyOverrides } from '@driftwatch/evaluation';
import { PolicyRepository, type Store, type WindowDelta, type WindowFeatureDelta } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, MINUTE, windowClosed } from './support/model-data';

// Issue 9 item 6: a model whose nights differ from its all-day baseline. Tonight's 03:00 window
// looks like last week's 03:00 window, which the store holds; the policy decides what judges it.
const NIGHT = Date.UTC(2026, 0, 15, 3);
const WEEK = 7 * 86_400_000;

let t: EvaluatorTestEnv;
let store: Store;
let evaluations: KafkaMessage[];

/**
 * A window of 200 night events: low incomes, mostly from the south (the baseline: uniform
 * incomes, 60 % north). `highIncomes`: a real shift, incomes higher than by day.
 */
async function writeNight(modelId: string, start: number, highIncomes = false): Promise<void> {
  const where = { modelId, modelVersion: '7', windowStart: start, windowEnd: start + MINUTE, baselineId: 'b1' };
  const base = { missing: 0, typeErrors: 0, categories: {}, outOfRangeLow: 0, outOfRangeHigh: 0, sumSq: 0 };
  const features: WindowFeatureDelta[] = [
    highIncomes
      ? { ...where, ...base, feature: 'income', count: 200, bins: [20, 30, 60, 90], min: 2, max: 99, sum: 200 * 56 }
      : { ...where, ...base, feature: 'income', count: 200, bins: [120, 60, 20, 0], min: 1, max: 58, sum: 200 * 18 },
    { ...where, ...base, feature: 'region', count: 200, bins: [], categories: { north: 50, south: 150 }, min: null, max: null, sum: 0 },
    { ...where, ...base, feature: 'age', count: 200, bins: [60, 80, 60], min: 19, max: 88, sum: 200 * 45 },
  ];
  const windows: WindowDelta[] = [{ ...where, eventCount: 200, lateCount: 0, firstEventTime: start, lastEventTime: start + MINUTE - 1, closedAt: start + MINUTE + 15_000 }];
  await store.windows.insertDeltas({ windows, features }, `${modelId}-${start}-${highIncomes}`);
}

const of = (modelId: string): EvaluationMessage[] =>
  evaluations
    .map((m) => {
      const r = decodeEvaluation(m.value as Buffer);
      if (!r.ok) throw new Error(`undecodable evaluation: ${r.reason}`);
      return r.event;
    })
    .filter((e) => e.modelId === modelId && e.granularity === 'window');

const drift = (e: EvaluationMessage) => e.findings.filter((f) => f.kind === 'data_drift' || f.kind === 'dataset_drift').map((f) => f.feature ?? f.kind);

// 200-event windows: the thresholds alone decide (the calibration is libs/evaluation's to test).
const COMMON: PolicyOverrides = { rollup: { enabled: false }, drift: { falseAlarmRate: null } };
const MODELS: Record<string, PolicyOverrides> = {
  'rhythm-baseline': COMMON,
  'rhythm-both': { ...COMMON, reference: { mode: 'both', minEvents: 150 } },
  'rhythm-thin': { ...COMMON, reference: { mode: 'lagged', minEvents: 1000 } },
};

beforeAll(async () => {
  t = await startEvaluatorEnv('lagged-reference', { silenceCheckMs: 0 });
  store = t.app.get(STORE);
  for (const [model, policy] of Object.entries(MODELS)) {
    await store.baselines.save(creditRiskBaseline(model));
    await new PolicyRepository(store.client).put(model, policy);
    await writeNight(model, NIGHT - WEEK);
    await writeNight(model, NIGHT);
  }
  evaluations = await t.tap(t.config.topics.evaluations);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('lagged reference (real broker, embedded ClickHouse)', () => {
  it('judges a night like last week\'s night drifted against the baseline only, and says which reference judged', async () => {
    await sendRecords(
      t.producer,
      t.config.topics.windows,
      Object.keys(MODELS).map((m) => ({ key: m, value: encodeWindowClosed(windowClosed(m, NIGHT)) })),
    );
    await waitFor('the three night evaluations', () => Object.keys(MODELS).every((m) => of(m).length >= 1));
    const [baseline] = of('rhythm-baseline');
    expect(drift(baseline)).toEqual(expect.arrayContaining(['income', 'region']));
    expect(baseline.reference).toBeUndefined();

    const [both] = of('rhythm-both');
    expect(drift(both)).toEqual([]);
    expect(both.reference).toEqual({ kind: 'both', from: NIGHT - WEEK, to: NIGHT - WEEK + MINUTE, eventCount: 200 });
    // Data quality is still the baseline's: the same features judged, the baseline named.
    expect(both.baselineId).toBe('b1');
    expect(both.features.map((f) => f.name)).toEqual(baseline.features.map((f) => f.name));

    // Last week's 200 events are below this model's minEvents: the baseline judged, and it says so.
    const [thin] = of('rhythm-thin');
    expect(drift(thin)).toEqual(drift(baseline));
    expect(thin.reference).toEqual({ kind: 'baseline', from: NIGHT - WEEK, to: NIGHT - WEEK + MINUTE, eventCount: 200 });
  });

  it('judges a night unlike last week\'s drifted with both references', async () => {
    const m = 'rhythm-both';
    const next = NIGHT + MINUTE;
    await writeNight(m, next - WEEK);
    await writeNight(m, next, true);
    await sendRecords(t.producer, t.config.topics.windows, [{ key: m, value: encodeWindowClosed(windowClosed(m, next)) }]);
    await waitFor('the shifted night evaluation', () => of(m).some((e) => e.windowStart === next));
    const shifted = of(m).find((e) => e.windowStart === next)!;
    expect(drift(shifted)).toContain('income');
    expect(shifted.reference).toMatchObject({ kind: 'both', eventCount: 200 });
  });
});
