import { BaselineSpecError, PREDICTION_FEATURE, buildBaseline, columnsFromRecords } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { predictionRecords } from './prediction-records';

describe('predictionRecords (baselines from stored samples)', () => {
  it('adds each prediction as the prediction feature, a probability map as its top class, none as missing', () => {
    const samples = [
      { features: { a: 1 }, prediction: 'approve' },
      { features: { a: 2 }, prediction: { approve: 0.3, reject: 0.7 } },
      { features: { a: 3 }, prediction: null },
    ];
    const { records, prediction } = predictionRecords(samples);
    expect(prediction).toBe(PREDICTION_FEATURE);
    expect(records).toEqual([{ a: 1, [PREDICTION_FEATURE]: 'approve' }, { a: 2, [PREDICTION_FEATURE]: 'reject' }, { a: 3 }]);
    const columns = columnsFromRecords(records);
    const built = buildBaseline(columns.columns, { kinds: columns.kinds, prediction });
    expect(built.features.at(-1)).toMatchObject({ name: PREDICTION_FEATURE, kind: 'categorical', count: 2, missing: 1, categories: { approve: 1, reject: 1 } });
  });

  it('builds a numeric prediction feature from scores', () => {
    const samples = [0.2, 0.4, 0.9].map((p, i) => ({ features: { a: i }, prediction: p }));
    const { records, prediction } = predictionRecords(samples);
    const columns = columnsFromRecords(records);
    const built = buildBaseline(columns.columns, { kinds: columns.kinds, prediction, bins: 2 });
    expect(built.features.map((f) => f.name)).toEqual(['a', PREDICTION_FEATURE]);
    expect(built.features[1]).toMatchObject({ kind: 'numeric', edges: [0.4], count: 3, min: 0.2, max: 0.9 });
  });

  it('leaves the prediction out when no sample has one, and refuses samples using the reserved name', () => {
    const none = predictionRecords([{ features: { a: 1 }, prediction: null }]);
    expect(none).toEqual({ records: [{ a: 1 }] });
    expect(() => predictionRecords([{ features: { [PREDICTION_FEATURE]: 1 }, prediction: 0.5 }])).toThrow(BaselineSpecError);
  });
});
