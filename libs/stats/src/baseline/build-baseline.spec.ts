import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toSortedSample } from '../binning/to-sorted-sample';
import { BaselineSpecError, type BaselineColumn } from './baseline-stats';
import { buildBaseline } from './build-baseline';
import { columnsFromRecords } from './columns-from-records';

/** libs/stats/fixtures/baseline.json, written by libs/stats/scripts/gen_baseline_fixtures.py (numpy). */
interface NumericCase {
  name: string;
  values: (number | string | null)[];
  bins: number;
  fineBins: number;
  count: number;
  missing: number;
  edges: number[];
  binCounts: number[];
  fineEdges: number[];
  fineCounts: number[];
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  median: number | null;
}

interface Fixture {
  numeric: NumericCase[];
  categorical: { values: (string | null)[]; count: number; missing: number; categories: Record<string, number> };
}

const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/baseline.json'), 'utf8')) as Fixture;

function revive(v: number | string | null): number | null {
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v as number | null;
}

function numericColumn(c: NumericCase): BaselineColumn {
  const values = c.values.map(revive);
  return {
    name: 'x',
    kind: 'numeric',
    rows: values.length,
    missing: values.filter((v) => v === null).length,
    typeErrors: 0,
    sorted: toSortedSample(values),
  };
}

function expectClose(actual: number | null, expected: number | null): void {
  if (expected === null) return void expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('buildBaseline: numeric features match numpy', () => {
  for (const c of fixture.numeric) {
    it(c.name, () => {
      const { rowCount, features } = buildBaseline([numericColumn(c)], { bins: c.bins, fineBins: c.fineBins });
      const [f] = features;
      expect(rowCount).toBe(c.values.length);
      expect(f.kind).toBe('numeric');
      // Edges bitwise: a value on an edge must land in the same bin as in numpy.
      expect(f.edges).toEqual(c.edges);
      expect(f.binCounts).toEqual(c.binCounts);
      expect(f.fineEdges).toEqual(c.fineEdges);
      expect(f.fineCounts).toEqual(c.fineCounts);
      expect(f.count).toBe(c.count);
      expect(f.missing).toBe(c.missing);
      expect(f.min).toBe(c.min);
      expect(f.max).toBe(c.max);
      expect(f.median).toBe(c.median);
      expectClose(f.mean, c.mean);
      expectClose(f.std, c.std);
      expect(f.importance).toBeNull();
    });
  }

  it('builds the same numeric baseline from event records as from a column', () => {
    const c = fixture.numeric[0];
    const records = c.values.map((v) => (v === null ? {} : { x: revive(v) }));
    const fromRecords = columnsFromRecords(records);
    expect(fromRecords.kinds.get('x')).toBe('numeric');
    const [f] = buildBaseline(fromRecords.columns, { bins: c.bins, fineBins: c.fineBins }).features;
    expect(f.edges).toEqual(c.edges);
    expect(f.binCounts).toEqual(c.binCounts);
    expect(f.missing).toBe(c.missing);
  });
});

describe('buildBaseline: categorical and boolean features', () => {
  it('counts categories (a category named __proto__ included) and missing values', () => {
    const cat = fixture.categorical;
    const { columns, kinds } = columnsFromRecords(cat.values.map((v) => ({ region: v })));
    expect(kinds.get('region')).toBe('categorical');
    const [f] = buildBaseline(columns).features;
    expect(f.kind).toBe('categorical');
    expect({ ...f.categories }).toEqual(cat.categories);
    expect(Object.hasOwn(f.categories, '__proto__')).toBe(true);
    expect(f.count).toBe(cat.count);
    expect(f.missing).toBe(cat.missing);
    expect(f.edges).toEqual([]);
    expect(f.binCounts).toEqual([]);
  });

  it('turns a true/false text column into a boolean feature keyed "true"/"false"', () => {
    const column: BaselineColumn = {
      name: 'member',
      kind: 'categorical',
      rows: 6,
      missing: 1,
      typeErrors: 0,
      counts: new Map([
        ['True', 2],
        ['true', 1],
        ['FALSE', 2],
      ]),
    };
    const [f] = buildBaseline([column]).features;
    expect(f.kind).toBe('boolean');
    expect({ ...f.categories }).toEqual({ true: 3, false: 2 });
    expect(f.count).toBe(5);
    // Said to be categorical, it stays categorical with its own texts.
    const [kept] = buildBaseline([column], { kinds: new Map([['member', 'categorical']]) }).features;
    expect(kept.kind).toBe('categorical');
    expect({ ...kept.categories }).toEqual({ True: 2, true: 1, FALSE: 2 });
  });

  it('infers boolean, categorical and numeric kinds from JSON event values and counts type errors', () => {
    const records = [
      { flag: true, code: 3, region: 'north', score: 1.5 },
      { flag: false, code: 'A', region: 'south', score: 'oops' },
      { flag: null, region: true, score: 2.5 },
    ];
    const { columns, kinds, rows } = columnsFromRecords(records);
    expect(rows).toBe(3);
    expect(Object.fromEntries(kinds)).toEqual({ flag: 'boolean', code: 'categorical', region: 'categorical', score: 'categorical' });
    const baseline = buildBaseline(columns, { kinds });
    const byName = new Map(baseline.features.map((f) => [f.name, f]));
    expect(byName.get('flag')).toMatchObject({ kind: 'boolean', count: 2, missing: 1, categories: { true: 1, false: 1 } });
    // An integer code counts as its text, like the aggregator's categoryKey.
    expect(byName.get('code')).toMatchObject({ kind: 'categorical', count: 2, missing: 1, categories: { '3': 1, A: 1 } });
    expect(byName.get('region')).toMatchObject({ count: 2, missing: 0 });
    expect(baseline.typeErrors).toEqual({ region: 1 });
    // Forced numeric, the text cell is a type error and stays out of the bins.
    const forced = columnsFromRecords(records, { kinds: new Map([['score', 'numeric']]) });
    const score = buildBaseline(forced.columns, { kinds: forced.kinds }).features.find((f) => f.name === 'score');
    expect(score).toMatchObject({ kind: 'numeric', count: 2, missing: 0, min: 1.5, max: 2.5 });
    expect(buildBaseline(forced.columns).typeErrors).toEqual({ region: 1, score: 1 });
  });
});

describe('buildBaseline: importance and bad input', () => {
  const a: BaselineColumn = { name: 'a', kind: 'numeric', rows: 3, missing: 0, typeErrors: 0, sorted: Float64Array.of(1, 2, 3) };
  const b: BaselineColumn = { name: 'b', kind: 'categorical', rows: 3, missing: 0, typeErrors: 0, counts: new Map([['x', 3]]) };

  it('attaches importance weights; features left out have none', () => {
    const { features } = buildBaseline([a, b], { importance: { a: 0.75 } });
    expect(features.map((f) => f.importance)).toEqual([0.75, null]);
  });

  it.each([
    [{ a: -1 }, /importance of "a" must be a number >= 0, got -1/],
    [{ a: '0.5' }, /importance of "a" must be a number >= 0, got the string "0.5"/],
    [{ a: 1, zip: 1, age: 2 }, /importance names features the data does not have: "zip", "age"/],
    [[1, 2], /importance must be a JSON object.*got an array/],
  ])('rejects importance %j', (importance, message) => {
    expect(() => buildBaseline([a, b], { importance })).toThrow(message);
    expect(() => buildBaseline([a, b], { importance })).toThrow(BaselineSpecError);
  });

  it('rejects bad bins, duplicate columns and empty data', () => {
    expect(() => buildBaseline([a], { bins: 0 })).toThrow(/bins must be an integer from 1 to 10000, got 0/);
    expect(() => buildBaseline([a, a])).toThrow(/column "a" appears twice/);
    expect(() => buildBaseline([])).toThrow(/at least one column/);
    expect(() => buildBaseline([{ ...a, rows: 0, sorted: new Float64Array(0) }])).toThrow(/no rows/);
    expect(() => buildBaseline([b], { kinds: new Map([['b', 'boolean']]) })).toThrow(/column "b" is boolean but holds "x"/);
  });

  it('rejects a forced kind naming a feature no event has', () => {
    expect(() => columnsFromRecords([{ a: 1 }], { kinds: new Map([['zip', 'numeric']]) })).toThrow(/no event has the feature "zip"/);
  });
});
