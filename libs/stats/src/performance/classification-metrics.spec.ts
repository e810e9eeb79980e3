import { describe, expect, it } from 'vitest';
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics';
import { expectMetric, performanceFixture, type ClassificationCase } from './performance-fixtures.test-util';

function run(c: ClassificationCase): ClassificationMetrics {
  return classificationMetrics(c.pairs, { classes: c.classes, positiveClass: c.positiveClass, calibrationBins: c.bins });
}

function checkCommon(c: ClassificationCase, m: ClassificationMetrics): void {
  const e = c.expected;
  expect(m.count).toBe(e.count);
  expectMetric(m.accuracy, e.accuracy, 'accuracy');
  expect(m.perClass.map((s) => s.label)).toEqual(c.classes);
  for (const s of m.perClass) {
    const want = e.perClass[s.label];
    expect(s.support, `${s.label} support`).toBe(want.support);
    expectMetric(s.precision, want.precision, `${s.label} precision`);
    expectMetric(s.recall, want.recall, `${s.label} recall`);
    expectMetric(s.f1, want.f1, `${s.label} f1`);
  }
  expectMetric(m.macro?.precision, e.macro.precision, 'macro precision');
  expectMetric(m.macro?.recall, e.macro.recall, 'macro recall');
  expectMetric(m.macro?.f1, e.macro.f1, 'macro f1');
  expectMetric(m.rocAuc, e.rocAuc, 'rocAuc');
  expectMetric(m.averagePrecision, e.averagePrecision, 'averagePrecision');
  expectMetric(m.logLoss, e.logLoss, 'logLoss');
  expectMetric(m.brier, e.brier, 'brier');
  expectMetric(m.expectedCalibrationError, e.ece, 'ece');
}

describe(`classificationMetrics against scikit-learn ${performanceFixture.sklearn}`, () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('binary: %s', (_, c) => {
    const m = run(c);
    expect(m.kind).toBe('binary');
    checkCommon(c, m);
    expect(m.positive?.label).toBe(c.positiveClass);
    expect(m.perClassRocAuc).toBeNull();
  });

  it.each(performanceFixture.multiclass.map((c) => [c.name, c] as const))('multi-class: %s', (_, c) => {
    const m = run(c);
    expect(m.kind).toBe('multiclass');
    checkCommon(c, m);
    expect(m.positive).toBeNull();
    expect(m.perClassRocAuc?.map((v) => v.label)).toEqual(c.classes);
    for (const v of m.perClassRocAuc ?? []) expectMetric(v.value, c.expected.perClassRocAuc?.[v.label] ?? null, `${v.label} auc`);
    for (const v of m.perClassAveragePrecision ?? []) {
      expectMetric(v.value, c.expected.perClassAveragePrecision?.[v.label] ?? null, `${v.label} ap`);
    }
  });
});

describe('classificationMetrics: undefined cases and input checks', () => {
  const binary = { classes: ['0', '1'], positiveClass: '1' };

  it('an empty window has a count of 0 and null metrics', () => {
    const m = classificationMetrics([], binary);
    expect(m).toMatchObject({ count: 0, accuracy: null, macro: null, perClass: [], rocAuc: null, logLoss: null, brier: null });
    expect(m.expectedCalibrationError).toBeNull();
  });

  it('pairs without scores give the label-only metrics and null probabilistic ones', () => {
    const m = classificationMetrics(
      [
        { actual: '1', predicted: '1' },
        { actual: '0', predicted: '1' },
      ],
      binary,
    );
    expect(m.accuracy).toBe(0.5);
    expect(m.positive).toMatchObject({ precision: 0.5, recall: 1, support: 1, predictedCount: 2 });
    expect([m.rocAuc, m.averagePrecision, m.logLoss, m.brier, m.expectedCalibrationError]).toEqual([null, null, null, null, null]);
  });

  it('a multi-class window without maps has null probabilistic metrics', () => {
    const m = classificationMetrics([{ actual: 'a', predicted: 'b' }], { classes: ['a', 'b', 'c'] });
    expect(m.kind).toBe('multiclass');
    expect([m.rocAuc, m.perClassRocAuc, m.logLoss, m.expectedCalibrationError]).toEqual([null, null, null, null]);
  });

  it('a class missing from a probability map has probability 0 (log loss clips it)', () => {
    const m = classificationMetrics([{ actual: 'a', predicted: 'b', probabilities: { b: 1 } }], { classes: ['a', 'b'] });
    expect(m.logLoss).toBeCloseTo(-Math.log(Number.EPSILON), 12);
  });

  it('"__proto__" is an ordinary class label (an own key of the map)', () => {
    // A computed key makes an own property, as JSON.parse does; `{ __proto__: 0.9 }` would set the prototype.
    const probabilities = { ['__proto__']: 0.9, x: 0.1 };
    const m = classificationMetrics([{ actual: '__proto__', predicted: '__proto__', probabilities }], {
      classes: ['x', '__proto__'],
    });
    expect(m.accuracy).toBe(1);
    expect(m.logLoss).toBeCloseTo(-Math.log(0.9), 14);
  });

  it('rejects unknown classes, bad scores, mixed score presence and bad options', () => {
    expect(() => classificationMetrics([{ actual: '2', predicted: '1' }], binary)).toThrow(RangeError);
    expect(() => classificationMetrics([{ actual: '1', predicted: '1', score: 1.5 }], binary)).toThrow(RangeError);
    expect(() => classificationMetrics([{ actual: '1', predicted: '1', score: Number.NaN }], binary)).toThrow(RangeError);
    expect(() =>
      classificationMetrics(
        [
          { actual: '1', predicted: '1', score: 0.4 },
          { actual: '1', predicted: '1' },
        ],
        binary,
      ),
    ).toThrow(/lack a score/);
    expect(() => classificationMetrics([], { classes: ['a', 'b', 'c'], positiveClass: 'a' })).toThrow(RangeError);
    expect(() => classificationMetrics([], { classes: ['a', 'b'], positiveClass: 'c' })).toThrow(RangeError);
    expect(() => classificationMetrics([], { classes: ['a', 'a'] })).toThrow(/duplicate/);
    expect(() =>
      classificationMetrics([{ actual: 'a', predicted: 'a', probabilities: { z: 0.5 } }], { classes: ['a', 'b'] }),
    ).toThrow(/not a declared class/);
  });
});
