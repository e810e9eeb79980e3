import { describe, expect, it } from 'vitest';
import { accuracyOf, classScores, confusionMatrix, macroScores } from './confusion-matrix';

const pairs = [
  { actual: 'a', predicted: 'a' },
  { actual: 'a', predicted: 'b' },
  { actual: 'b', predicted: 'b' },
  { actual: 'b', predicted: 'b' },
  { actual: 'c', predicted: 'b' },
];

describe('confusionMatrix and its scores', () => {
  it('counts [actual][predicted] in declared class order', () => {
    const m = confusionMatrix(pairs, ['a', 'b', 'c', 'd']);
    expect(m.counts).toEqual([
      [1, 1, 0, 0],
      [0, 2, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(accuracyOf(m)).toBe(0.6);
  });

  it('scores 0/0 as 0 (sklearn zero_division default) and averages over present classes only', () => {
    const scores = classScores(confusionMatrix(pairs, ['a', 'b', 'c', 'd']));
    expect(scores[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, f1: 2 / 3, support: 2, predictedCount: 1 });
    expect(scores[1]).toMatchObject({ label: 'b', precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(scores[2]).toMatchObject({ label: 'c', precision: 0, recall: 0, f1: 0, support: 1, predictedCount: 0 });
    expect(scores[3]).toMatchObject({ label: 'd', precision: 0, recall: 0, f1: 0, support: 0, predictedCount: 0 });
    // 'd' occurs nowhere, so the macro is over a, b, c (sklearn's labels=None)
    const macro = macroScores(scores);
    expect(macro?.precision).toBeCloseTo(0.5, 15);
    expect(macro?.recall).toBeCloseTo(0.5, 15);
    expect(macro?.f1).toBeCloseTo(4 / 9, 15);
  });

  it('has no accuracy or macro for an empty window and rejects unknown classes', () => {
    const m = confusionMatrix([], ['a']);
    expect(accuracyOf(m)).toBeNull();
    expect(macroScores(classScores(m))).toBeNull();
    expect(() => confusionMatrix([{ actual: 'a', predicted: 'z' }], ['a'])).toThrow(/not a declared class/);
    expect(() => confusionMatrix([], [])).toThrow(RangeError);
  });
});
