import { describe, expect, it } from 'vitest';
import { BaselineSpecError, type BaselineColumn } from './baseline-stats';
import { buildBaseline } from './build-baseline';
import { columnsFromRecords } from './columns-from-records';
import { PREDICTION_FEATURE, predictionValue } from './prediction-feature';

describe('predictionValue', () => {
  it('keeps scores and class names, and takes the top class of a probability map', () => {
    expect(predictionValue(0.83)).toBe(0.83);
    expect(predictionValue(0)).toBe(0);
    expect(predictionValue('approve')).toBe('approve');
    expect(predictionValue({ approve: 0.2, reject: 0.7, review: 0.1 })).toBe('reject');
    // A class named like an Object.prototype member is an ordinary class.
    expect(predictionValue(JSON.parse('{"__proto__": 0.9, "b": 0.1}'))).toBe('__proto__');
  });

  it('breaks ties by class name, whatever the key order', () => {
    expect(predictionValue({ b: 0.5, a: 0.5 })).toBe('a');
    expect(predictionValue({ a: 0.5, b: 0.5 })).toBe('a');
  });

  it('treats absent, null, empty maps and other shapes as missing', () => {
    for (const v of [undefined, null, {}, [], true, { a: 'x' }]) expect(predictionValue(v)).toBeNull();
  });
});

describe('buildBaseline with a prediction column', () => {
  const income: BaselineColumn = { name: 'income', kind: 'numeric', rows: 5, missing: 0, typeErrors: 0, sorted: Float64Array.of(1, 2, 3, 4, 5) };
  const score: BaselineColumn = { name: 'score', kind: 'numeric', rows: 5, missing: 1, typeErrors: 0, sorted: Float64Array.of(0.1, 0.2, 0.4, 0.9) };
  const label: BaselineColumn = {
    name: 'label',
    kind: 'categorical',
    rows: 5,
    missing: 0,
    typeErrors: 0,
    counts: new Map([
      ['true', 3],
      ['false', 2],
    ]),
  };

  it('stores a numeric prediction column as the reserved feature, last, binned like any numeric column', () => {
    const plain = buildBaseline([income, score], { bins: 4, fineBins: 2 });
    const withPrediction = buildBaseline([score, income], { bins: 4, fineBins: 2, prediction: 'score', importance: { income: 1 } });
    expect(withPrediction.features.map((f) => f.name)).toEqual(['income', PREDICTION_FEATURE]);
    const asFeature = plain.features.find((f) => f.name === 'score');
    expect(withPrediction.features[1]).toEqual({ ...asFeature, name: PREDICTION_FEATURE, importance: null });
    expect(withPrediction.features[1]).toMatchObject({ kind: 'numeric', count: 4, missing: 1 });
  });

  it('keeps a text prediction categorical, even one that reads true/false', () => {
    const [f] = buildBaseline([label], { prediction: 'label' }).features;
    expect(f).toMatchObject({ name: PREDICTION_FEATURE, kind: 'categorical', count: 5 });
    expect({ ...f.categories }).toEqual({ true: 3, false: 2 });
  });

  it('builds the prediction from event records (from-windows) as from a file column', () => {
    const records = [{ a: 1, [PREDICTION_FEATURE]: 'x' }, { a: 2, [PREDICTION_FEATURE]: 'y' }, { a: 3 }];
    const { columns, kinds } = columnsFromRecords(records);
    const built = buildBaseline(columns, { kinds, prediction: PREDICTION_FEATURE });
    expect(built.features[1]).toMatchObject({ name: PREDICTION_FEATURE, kind: 'categorical', count: 2, missing: 1, categories: { x: 1, y: 1 } });
  });

  it('rejects a column using the reserved name, a prediction column the data lacks, and importance on the prediction', () => {
    const reserved = { ...income, name: PREDICTION_FEATURE };
    expect(() => buildBaseline([reserved])).toThrow(/"@prediction": the name is reserved for the model's prediction/);
    expect(() => buildBaseline([reserved, score], { prediction: 'score' })).toThrow(BaselineSpecError);
    expect(() => buildBaseline([income], { prediction: 'score' })).toThrow(/the prediction column "score" is not in the data/);
    expect(() => buildBaseline([income, score], { prediction: 'score', importance: { score: 1 } })).toThrow(/importance names a feature the data does not have: "score"/);
  });
});
