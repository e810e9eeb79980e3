import { validateInferenceEvent, type InferenceEvent, type Prediction } from '@driftwatch/contracts';
import { PREDICTION_FEATURE } from '@driftwatch/stats';
import type { Baseline, BaselineFeature } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { compileBaseline } from './compiled-baseline';
import { FeatureAccumulator } from './feature-accumulator';

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const key = { modelId: 'm', modelVersion: '1', start: T0, end: T0 + 60_000 };
const feature = (o: Pick<BaselineFeature, 'name' | 'kind'> & Partial<BaselineFeature>): BaselineFeature => ({
  edges: [],
  binCounts: [],
  categories: {},
  count: 1,
  missing: 0,
  min: null,
  max: null,
  mean: null,
  std: null,
  median: null,
  importance: null,
  ...o,
});
const baselineOf = (features: BaselineFeature[]): Baseline => ({
  modelId: 'm',
  modelVersion: '1',
  baselineId: 'b1',
  createdAt: T0,
  rowCount: 10,
  source: 'test',
  features,
});
const income = feature({ name: 'income', kind: 'numeric', edges: [10, 20], binCounts: [1, 1, 1], min: 6, max: 24 });
const event = (prediction: Prediction | null | undefined, i = 0): InferenceEvent => ({
  eventId: `e${i}`,
  modelId: 'm',
  modelVersion: '1',
  timestamp: T0,
  features: { income: 12 },
  ...(prediction === undefined ? {} : { prediction: prediction as Prediction }),
});
const deltas = (acc: FeatureAccumulator) => Object.fromEntries(acc.toDeltas(key).features.map((f) => [f.feature, f]));

describe('FeatureAccumulator: the prediction feature', () => {
  it('bins a numeric prediction against its edges and fine grid, absent and null predictions as missing, strings as type errors', () => {
    const scores = feature({
      name: PREDICTION_FEATURE,
      kind: 'numeric',
      edges: [0.3, 0.6],
      binCounts: [1, 1, 1],
      fineEdges: [0.2, 0.3, 0.6],
      fineCounts: [1, 1, 1, 1],
      min: 0.05,
      max: 0.95,
    });
    const compiled = compileBaseline(baselineOf([income, scores]));
    expect(compiled.predictionIndex).toBe(1);
    const acc = new FeatureAccumulator(compiled);
    [0.1, 0.3, 0.59, 0.6, 0.99, undefined, null, 'high'].forEach((p, i) => acc.add(event(p, i)));
    const byName = deltas(acc);
    expect(byName[PREDICTION_FEATURE]).toMatchObject({
      count: 5,
      missing: 2,
      typeErrors: 1,
      bins: [1, 2, 2],
      fineBins: [1, 0, 2, 2],
      outOfRangeHigh: 1,
      min: 0.1,
      max: 0.99,
    });
    expect(byName.income).toMatchObject({ count: 8, missing: 0 });
    expect(acc.toDeltas(key).kinds).toEqual([expect.objectContaining({ feature: PREDICTION_FEATURE, inBaseline: true, kinds: { string: 1 } })]);
  });

  it('counts class predictions and the top class of probability maps as categories, numbers as their text', () => {
    const classes = feature({ name: PREDICTION_FEATURE, kind: 'categorical', categories: { approve: 5, reject: 5 } });
    const acc = new FeatureAccumulator(compileBaseline(baselineOf([classes, income])));
    const predictions: (Prediction | null)[] = ['approve', { approve: 0.1, reject: 0.9 }, { review: 0.5, approve: 0.5 }, 2, {}, null];
    predictions.forEach((p, i) => acc.add(event(p, i)));
    expect(deltas(acc)[PREDICTION_FEATURE]).toMatchObject({ count: 4, missing: 2, typeErrors: 0, categories: { approve: 2, reject: 1, '2': 1 } });
  });

  it('ignores the prediction when the baseline has none: no row, no unknown feature', () => {
    const compiled = compileBaseline(baselineOf([income]));
    expect(compiled.predictionIndex).toBe(-1);
    const acc = new FeatureAccumulator(compiled);
    acc.add(event(0.4));
    expect(Object.keys(deltas(acc))).toEqual(['income']);
  });

  it('relies on contracts validation: an event feature cannot take the prediction name', () => {
    const e = { ...event(0.4), features: { income: 12, [PREDICTION_FEATURE]: 0.9 } };
    const result = validateInferenceEvent(e);
    expect(result.ok).toBe(false);
  });
});
