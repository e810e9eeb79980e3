import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose, seededUniform } from '../testing/expect-close.test-util';
import {
  addCategoryValue,
  addNumericValue,
  emptyFeatureTally,
  mergeFeatureTallies,
  tallyValidCount,
  type CategoricalBinSpec,
  type FeatureBinSpec,
  type FeatureTally,
  type NumericBinSpec,
} from './feature-tally';
import { featureTallyOf } from './feature-tally-of';

const numericSpec: NumericBinSpec = { kind: 'numeric', edges: [-1, 0, 0.5, 2], min: -3, max: 3 };
const categoricalSpec: CategoricalBinSpec = { kind: 'categorical', categories: ['red', 'green', 'blue'] };

function randomNumericValue(random: () => number): unknown {
  const r = random();
  if (r < 0.1) return null;
  if (r < 0.13) return undefined;
  if (r < 0.16) return NaN;
  if (r < 0.2) return '1.5'; // a numeric-looking string is a type error in events
  if (r < 0.22) return true;
  if (r < 0.3) return [-1, 0, 0.5, 2][Math.floor(random() * 4)]; // values on the edges
  return Math.round((random() * 10 - 5) * 1000) / 1000;
}

function randomCategoricalValue(random: () => number): unknown {
  const r = random();
  if (r < 0.1) return null;
  if (r < 0.15) return false; // boolean in a categorical feature: type error
  if (r < 0.2) return 7; // integer-coded category: valid, key "7"
  const pool = ['red', 'green', 'blue', 'purple', '', '__proto__', 'constructor'];
  return pool[Math.floor(random() * pool.length)];
}

function expectSameTally(actual: FeatureTally, expected: FeatureTally, label: string): void {
  const { sum, sumSq, ...exact } = actual;
  const { sum: expectedSum, sumSq: expectedSumSq, ...expectedExact } = expected;
  expect(exact, label).toEqual(expectedExact);
  // Float sums depend on the order of addition; everything else merges exactly.
  expectClose(sum, expectedSum, `${label} sum`, 1e-12, 1e-12);
  expectClose(sumSq, expectedSumSq, `${label} sumSq`, 1e-12, 1e-12);
}

describe('mergeFeatureTallies', () => {
  const cases: [string, FeatureBinSpec, (random: () => number) => unknown][] = [
    ['numeric', numericSpec, randomNumericValue],
    ['categorical', categoricalSpec, randomCategoricalValue],
  ];

  it.each(cases)('merging the tallies of two batches equals the tally of their union (%s)', (_kind, spec, draw) => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededUniform(seed);
      const size = Math.floor(random() * 60);
      const values = Array.from({ length: size }, () => draw(random));
      // Random split, not just a prefix: windows receive events in any order.
      const a: unknown[] = [];
      const b: unknown[] = [];
      for (const v of values) (random() < 0.5 ? a : b).push(v);
      const whole = featureTallyOf(values, spec);
      const merged = mergeFeatureTallies(featureTallyOf(a, spec), featureTallyOf(b, spec));
      expectSameTally(merged, whole, `seed ${seed}`);
      expectSameTally(mergeFeatureTallies(featureTallyOf(b, spec), featureTallyOf(a, spec)), whole, `seed ${seed} swapped`);
      expect(whole.observations).toBe(values.length);
      expect(whole.bins.reduce((s, c) => s + c, 0)).toBe(tallyValidCount(whole));
    }
  });

  it('has the empty tally as neutral element and does not modify its inputs', () => {
    const h = featureTallyOf([1, null, 'x', 2.5], numericSpec);
    const copy = structuredClone(h);
    expect(mergeFeatureTallies(emptyFeatureTally(numericSpec), h)).toEqual(h);
    expect(mergeFeatureTallies(h, emptyFeatureTally(numericSpec))).toEqual(h);
    expect(h).toEqual(copy);
  });

  it('refuses to merge tallies of different bin layouts', () => {
    const a = emptyFeatureTally(numericSpec);
    const b = emptyFeatureTally({ ...numericSpec, edges: [0] });
    expect(() => mergeFeatureTallies(a, b)).toThrow(/bin counts differ \(5 vs 2\)/);
  });
});

describe('featureTallyOf', () => {
  it('classifies missing values and type errors and records range and moments', () => {
    const h = featureTallyOf([1, null, undefined, NaN, '2', false, -4, 2, 10], numericSpec);
    expect(h).toMatchObject({
      observations: 9,
      missing: 3,
      typeErrors: 2,
      // -4 → bin 0; 1 → bin 3 (0.5 <= 1 < 2); 2 and 10 → bin 4 (>= 2)
      bins: [1, 0, 0, 1, 2],
      min: -4,
      max: 10,
      sum: 9,
      sumSq: 121,
      outOfRangeLow: 1,
      outOfRangeHigh: 1,
    });
    expect(h.categories).toBeUndefined();
  });

  it('keeps min and max null for an all-missing column', () => {
    const h = featureTallyOf([null, null], numericSpec);
    expect(h).toMatchObject({ observations: 2, missing: 2, min: null, max: null, bins: [0, 0, 0, 0, 0] });
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });

  it('bins categories in baseline order with one unseen bucket and keeps raw counts', () => {
    const h = featureTallyOf(['blue', 'red', 'blue', 'mauve', 3, null, true, '__proto__'], categoricalSpec);
    expect(h.bins).toEqual([1, 0, 2, 3]);
    expect({ ...h.categories }).toEqual({ blue: 2, red: 1, mauve: 1, '3': 1, ['__proto__']: 1 });
    expect(Object.keys(h.categories ?? {})).toContain('__proto__');
    expect(h).toMatchObject({ observations: 8, missing: 1, typeErrors: 1 });
  });

  it('keys boolean features "true"/"false"', () => {
    const spec: CategoricalBinSpec = { kind: 'boolean', categories: ['false', 'true'] };
    const h = featureTallyOf([true, false, true, 'true', 1], spec);
    expect(h.bins).toEqual([1, 2, 0]);
    expect(h.typeErrors).toBe(2);
  });

  it.each(coreFixture().numeric.map((c) => [c.name, c]))('bins like numpy and counts out-of-range like the fixture (%s)', (_name, c) => {
    const spec: NumericBinSpec = { kind: 'numeric', edges: c.edges, min: c.refMin, max: c.refMax };
    const ref = featureTallyOf(c.ref, spec);
    const cur = featureTallyOf(c.cur, spec);
    expect(ref.bins).toEqual(c.refHist);
    expect(cur.bins).toEqual(c.curHist);
    expect(ref.outOfRangeLow + ref.outOfRangeHigh).toBe(0);
    expectClose((cur.outOfRangeLow + cur.outOfRangeHigh) / c.cur.length, c.outOfRangeShare, 'out-of-range share');
  });

  it('the add functions mutate in place, which the streaming aggregator relies on', () => {
    const h = emptyFeatureTally(categoricalSpec);
    addCategoryValue(h, categoricalSpec, 'green', 3);
    expect(h.bins).toEqual([0, 3, 0, 0]);
    const n = emptyFeatureTally(numericSpec);
    addNumericValue(n, numericSpec, 0.5);
    expect(n.bins).toEqual([0, 0, 0, 1, 0]);
    expect(() => addNumericValue(n, numericSpec, NaN)).toThrow(/NaN is a missing value/);
  });
});
