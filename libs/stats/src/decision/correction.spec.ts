import { describe, expect, it } from 'vitest';
import { correctDecisions, parseCorrection, type Decision } from './correction';

describe('parseCorrection', () => {
  it('takes the policy spelling and the CLI alias bh; refuses anything else', () => {
    expect(parseCorrection('none')).toBe('none');
    expect(parseCorrection('bonferroni')).toBe('bonferroni');
    expect(parseCorrection('benjamini-hochberg')).toBe('benjamini-hochberg');
    expect(parseCorrection('bh')).toBe('benjamini-hochberg');
    expect(parseCorrection('holm')).toBeUndefined();
    expect(parseCorrection('constructor')).toBeUndefined();
    expect(parseCorrection(undefined)).toBeUndefined();
  });
});

describe('correctDecisions', () => {
  // Three p-value decisions, a distance and a test without a value.
  const decisions: Decision[] = [
    { method: 'ks', value: 0.02, threshold: 0.05 },
    { method: 'chiSquare', value: 0.03, threshold: 0.05 },
    { method: 'psi', value: 0.3, threshold: 0.1 },
    { method: 'twoProportionZ', value: 0.5, threshold: 0.05 },
    { method: 'chiSquare', value: null, threshold: 0.05 },
  ];

  it('none: every decision as made, no adjustment', () => {
    expect(correctDecisions(decisions, 'none')).toEqual([
      { detected: true, value: 0.02 },
      { detected: true, value: 0.03 },
      { detected: true, value: 0.3 },
      { detected: false, value: 0.5 },
      { detected: false, value: null },
    ]);
  });

  it('Bonferroni: m = 3 p-values with a value; distances and missing values are left as they are', () => {
    const c = correctDecisions(decisions, 'bonferroni');
    expect(c[0]).toMatchObject({ detected: false, unadjustedPValue: 0.02 });
    expect(c[0].value).toBeCloseTo(0.06, 15);
    expect(c[1].value).toBeCloseTo(0.09, 15);
    expect(c[2]).toEqual({ detected: true, value: 0.3 });
    expect(c[3]).toEqual({ detected: false, value: 1, unadjustedPValue: 0.5 });
    expect(c[4]).toEqual({ detected: false, value: null });
  });

  it('Benjamini–Hochberg, under either spelling: 0.02·3/1 and 0.03·3/2 -> 0.045 for both', () => {
    for (const spelling of ['benjamini-hochberg', 'bh'] as const) {
      const c = correctDecisions(decisions, spelling);
      expect(c[0].value).toBeCloseTo(0.045, 15);
      expect(c[1].value).toBeCloseTo(0.045, 15);
      expect(c.map((d) => d.detected)).toEqual([true, true, true, false, false]);
    }
  });

  it("each member keeps its method's direction: KS drifts at p = threshold, chi-square does not", () => {
    const c = correctDecisions(
      [
        { method: 'ks', value: 0.025, threshold: 0.05 },
        { method: 'chiSquare', value: 0.025, threshold: 0.05 },
      ],
      'bonferroni',
    );
    expect(c.map((d) => d.detected)).toEqual([true, false]);
  });

  it('a p-value rounded a hair outside [0, 1] is adjusted as its bound, not refused', () => {
    const c = correctDecisions([{ method: 'ks', value: 1 + 2e-16, threshold: 0.05 }, { method: 'ks', value: -1e-300, threshold: 0.05 }], 'bonferroni');
    expect(c.map((d) => d.value)).toEqual([1, 0]);
    expect(c[0].unadjustedPValue).toBe(1 + 2e-16);
  });
});
