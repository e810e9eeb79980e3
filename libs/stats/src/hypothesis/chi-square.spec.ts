import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose, expectPValueClose } from '../testing/expect-close.test-util';
import { chiSquare, chiSquareSurvival } from './chi-square';

const toMap = (record: Record<string, number>) => new Map(Object.entries(record));

describe('chiSquare against scipy.stats.chi2_contingency', () => {
  const fixture = coreFixture();

  it.each(fixture.chiSquare.map((c) => [JSON.stringify(c.ref), JSON.stringify(c.cur), c]))('ref=%s cur=%s', (_r, _c, c) => {
    const result = chiSquare(toMap(c.ref), toMap(c.cur));
    expectClose(result.statistic, c.statistic, 'statistic');
    expectPValueClose(result.pValue, c.pValue, 'pValue');
  });

  it('gives a finite statistic for a category on one side only, growing with its share', () => {
    const base = toMap({ a: 500, b: 500 });
    const few = chiSquare(base, toMap({ a: 500, b: 495, c: 5 }));
    const many = chiSquare(base, toMap({ a: 450, b: 450, c: 100 }));
    expect(Number.isFinite(few.statistic)).toBe(true);
    expect(many.statistic).toBeGreaterThan(few.statistic);
    expect(many.pValue).toBeLessThan(1e-20);
  });

  it('is symmetric in the two samples', () => {
    const a = toMap({ x: 30, y: 12, z: 3 });
    const b = toMap({ x: 20, y: 25, w: 2 });
    expect(chiSquare(a, b).statistic).toBeCloseTo(chiSquare(b, a).statistic, 12);
  });

  it("applies Yates' correction only with one degree of freedom", () => {
    // 2 x 2: |O − E| = 0.5 in every cell; Yates' correction takes it to 0.
    expect(chiSquare(toMap({ a: 10, b: 10 }), toMap({ a: 10, b: 9 }))).toEqual({ statistic: 0, pValue: 1 });
    // 2 x 3 with the same first two columns: uncorrected.
    expect(chiSquare(toMap({ a: 10, b: 10, c: 10 }), toMap({ a: 10, b: 9, c: 10 })).statistic).toBeGreaterThan(0);
  });

  it('does not flag a window larger than its baseline when the shares are equal', () => {
    // The goodness-of-fit test gave p ≈ 0 here: 60 × the baseline, same shares up to rounding.
    const result = chiSquare(toMap({ a: 503, b: 297, c: 200 }), toMap({ a: 30000, b: 18000, c: 12000 }));
    expect(result.pValue).toBeGreaterThan(0.5);
  });

  it('reports no difference for a single category on both sides', () => {
    expect(chiSquare(toMap({ only: 3 }), toMap({ only: 40 }))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('is undefined (NaN) when a side is empty or all zero', () => {
    for (const [ref, cur] of [
      [toMap({ a: 3 }), new Map<string, number>()],
      [new Map<string, number>(), toMap({ a: 3 })],
      [toMap({ a: 3, b: 1 }), toMap({ a: 0, b: 0 })],
    ]) {
      const result = chiSquare(ref, cur);
      expect(result.statistic).toBeNaN();
      expect(result.pValue).toBeNaN();
    }
  });

  it('rejects negative counts, naming the category', () => {
    expect(() => chiSquare(toMap({ a: -1 }), toMap({ a: 1 }))).toThrow(/ref count of category "a"/);
  });
});

describe('chiSquareSurvival against scipy.stats.chi2.sf', () => {
  it.each(coreFixture().chi2Sf.map((c) => [c.x, c.dof, c.sf]))('sf(%d, %d)', (x, dof, sf) => {
    expectPValueClose(chiSquareSurvival(x, dof), sf, `chi2.sf(${x}, ${dof})`);
  });

  it('rejects non-positive degrees of freedom', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(/degrees of freedom must be > 0/);
  });
});
