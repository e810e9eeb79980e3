import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose, expectPValueClose } from '../testing/expect-close.test-util';
import { chiSquare, chiSquareSurvival } from './chi-square';

const toMap = (record: Record<string, number>) => new Map(Object.entries(record));

describe('chiSquare against scipy.stats.chisquare', () => {
  const fixture = coreFixture();

  it.each(fixture.chiSquare.map((c) => [JSON.stringify(c.ref), JSON.stringify(c.cur), c]))('ref=%s cur=%s', (_r, _c, c) => {
    const result = chiSquare(toMap(c.ref), toMap(c.cur));
    expectClose(result.statistic, c.statistic, 'statistic');
    expectPValueClose(result.pValue, c.pValue, 'pValue');
  });

  it('gives statistic Infinity and p 0 for a category new in the current window', () => {
    expect(chiSquare(toMap({ a: 5, b: 5 }), toMap({ a: 5, b: 4, c: 1 }))).toEqual({ statistic: Infinity, pValue: 0 });
  });

  it('reports no difference for a single category on both sides', () => {
    expect(chiSquare(toMap({ only: 3 }), toMap({ only: 40 }))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('is undefined (NaN) when a side is empty', () => {
    const empty = chiSquare(toMap({ a: 3 }), new Map());
    expect(empty.statistic).toBeNaN();
    expect(empty.pValue).toBeNaN();
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
