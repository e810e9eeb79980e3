import type { InferenceEvent, Prediction } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { compileBaseline } from './compiled-baseline';
import { FeatureAccumulator } from './feature-accumulator';
import { predictionRow, predictionShape } from './prediction-rows';

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const key = { modelId: 'm', modelVersion: '1', start: T0, end: T0 + 60_000 };
const event = (prediction: Prediction | null | undefined, i = 0): InferenceEvent => ({
  eventId: `e${i}`,
  modelId: 'm',
  modelVersion: '1',
  timestamp: T0 + i,
  features: { income: 12 },
  ...(prediction === undefined ? {} : { prediction: prediction as Prediction }),
});

describe('predictionShape', () => {
  it('keeps a number as a number, a string as a class, a map as probabilities; absent and null as nothing', () => {
    expect(predictionShape(0.75)).toEqual({ kind: 'number', number: 0.75, class: null, probabilities: {} });
    expect(predictionShape(0)).toEqual({ kind: 'number', number: 0, class: null, probabilities: {} });
    expect(predictionShape('approve')).toEqual({ kind: 'class', number: null, class: 'approve', probabilities: {} });
    expect(predictionShape('')).toEqual({ kind: 'class', number: null, class: '', probabilities: {} });
    expect(predictionShape({ approve: 0.2, reject: 0.8 })).toEqual({ kind: 'probabilities', number: null, class: null, probabilities: { approve: 0.2, reject: 0.8 } });
    expect(predictionShape({})).toEqual({ kind: 'probabilities', number: null, class: null, probabilities: {} });
    expect(predictionShape(null)).toBeNull();
    expect(predictionShape(undefined)).toBeNull();
  });

  it('copies the probability map', () => {
    const map = { a: 0.5, b: 0.5 };
    const shape = predictionShape(map)!;
    map.a = 1;
    expect(shape.probabilities).toEqual({ a: 0.5, b: 0.5 });
  });
});

describe('predictionRow', () => {
  it('keys the row by model and eventId, with the version, event time, window and offset', () => {
    expect(predictionRow(event('reject', 7), key, '1234')).toEqual({
      modelId: 'm',
      modelVersion: '1',
      eventId: 'e7',
      eventTime: T0 + 7,
      windowStart: T0,
      windowEnd: T0 + 60_000,
      kind: 'class',
      number: null,
      class: 'reject',
      probabilities: {},
      sourceOffset: '1234',
    });
    expect(predictionRow(event(undefined), key, '1')).toBeNull();
    expect(predictionRow(event(null), key, '1')).toBeNull();
  });
});

describe('FeatureAccumulator: predictions kept for the join', () => {
  it('collects a row per event with a prediction, with or without a baseline, and leaves the histograms as they were', () => {
    const income = { name: 'income', kind: 'numeric' as const, edges: [10, 20], binCounts: [1, 1, 1], categories: {}, count: 3, missing: 0, min: 6, max: 24, mean: null, std: null, median: null, importance: null };
    const baseline = compileBaseline({ modelId: 'm', modelVersion: '1', baselineId: 'b1', createdAt: T0, rowCount: 3, source: 'test', features: [income] });
    for (const compiled of [baseline, null]) {
      const withRows = new FeatureAccumulator(compiled);
      const without = new FeatureAccumulator(compiled);
      const predictions: (Prediction | null | undefined)[] = [0.4, undefined, 'approve', null, { a: 1 }];
      predictions.forEach((p, i) => {
        const e = event(p, i);
        withRows.add(e);
        withRows.addPrediction(e, key, String(100 + i));
        without.add(e);
      });
      expect(withRows.predictions.map((r) => [r.eventId, r.kind, r.sourceOffset])).toEqual([
        ['e0', 'number', '100'],
        ['e2', 'class', '102'],
        ['e4', 'probabilities', '104'],
      ]);
      expect(withRows.toDeltas(key)).toEqual(without.toDeltas(key));
      expect(without.predictions).toEqual([]);
    }
  });
});
