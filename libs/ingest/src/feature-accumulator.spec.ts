import type { InferenceEvent } from '@driftwatch/contracts';
import type { BaselineFeature } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { compileBaseline } from './compiled-baseline';
import { FeatureAccumulator } from './feature-accumulator';

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const key = { modelId: 'm', modelVersion: '1', start: T0, end: T0 + 60_000 };
const feature = (o: Pick<BaselineFeature, 'name' | 'kind'> & Partial<BaselineFeature>): BaselineFeature => ({
  edges: [],
  binCounts: [],
  categories: {},
  count: 1,
  missing: 0,
  min: null,
  max: null,
  mean: null,
  std: null,
  median: null,
  importance: null,
  ...o,
});
const baseline = compileBaseline({
  modelId: 'm',
  modelVersion: '1',
  baselineId: 'b1',
  createdAt: T0,
  rowCount: 10,
  source: 'test',
  features: [
    feature({ name: 'income', kind: 'numeric', edges: [10, 20], binCounts: [1, 1, 1], min: 6, max: 24 }),
    feature({ name: 'region', kind: 'categorical', categories: { north: 3, south: 2 } }),
    feature({ name: 'member', kind: 'boolean', categories: { true: 1, false: 1 } }),
  ],
});
const event = (features: InferenceEvent['features'], i = 0): InferenceEvent => ({ eventId: `e${i}`, modelId: 'm', modelVersion: '1', timestamp: T0, features });

describe('FeatureAccumulator', () => {
  it('finds unknown features beside the baseline ones, also when a baseline feature is named like an inherited property', () => {
    const acc = new FeatureAccumulator(baseline);
    // Absent baseline features and an unknown one: the event has no more names than the baseline.
    acc.add(event({ income: 12, extra: 1 }));
    acc.add(event({ income: 12, region: 'north', member: true }));
    expect(acc.toDeltas(key).features.find((f) => f.feature === 'extra')).toMatchObject({ count: 1, missing: 0, sum: 1 });

    const inherited = compileBaseline({
      modelId: 'm',
      modelVersion: '1',
      baselineId: 'b2',
      createdAt: T0,
      rowCount: 10,
      source: 'test',
      features: [feature({ name: 'toString', kind: 'categorical', categories: { a: 1 } }), feature({ name: 'x', kind: 'numeric', edges: [0], binCounts: [1, 1], min: -1, max: 1 })],
    });
    expect(inherited.inheritedNames).toBe(true);
    const other = new FeatureAccumulator(inherited);
    // `toString` is absent here yet reads as a value (Object.prototype's): `y` must still be found.
    other.add(event({ x: 0.5, y: 2 }));
    const rows = other.toDeltas(key).features;
    expect(rows.find((f) => f.feature === 'y')).toMatchObject({ count: 1, sum: 2 });
    expect(rows.find((f) => f.feature === 'toString')).toMatchObject({ count: 0, typeErrors: 1 });
  });

  it('bins values against the baseline (side="right"), counts missing, type errors with their kinds, unknown features', () => {
    const acc = new FeatureAccumulator(baseline);
    acc.add(event({ income: 5, region: 'north', member: true }));
    acc.add(event({ income: 10, region: 'west', member: 'yes' }));
    acc.add(event({ income: 25, region: 7, member: false, extra: 'a' }));
    acc.add(event({ income: null, region: true, extra: 3 }));
    acc.add(event({ income: '12', extra: null }));
    const { features, kinds } = acc.toDeltas(key);
    const byName = Object.fromEntries(features.map((f) => [f.feature, f]));
    expect(byName.income).toMatchObject({
      baselineId: 'b1',
      count: 3,
      missing: 1,
      typeErrors: 1,
      bins: [1, 1, 1],
      outOfRangeLow: 1,
      outOfRangeHigh: 1,
      min: 5,
      max: 25,
      sum: 40,
      sumSq: 25 + 100 + 625,
    });
    // Categorical: counts per category (unseen ones included), no bins in the store's layout.
    expect(byName.region).toMatchObject({ count: 3, missing: 1, typeErrors: 1, bins: [], categories: { north: 1, west: 1, '7': 1 } });
    expect(byName.member).toMatchObject({ count: 2, missing: 2, typeErrors: 1, categories: { true: 1, false: 1 } });
    expect(byName.extra).toMatchObject({ baselineId: 'b1', count: 2, missing: 1, typeErrors: 0, bins: [], min: 3, max: 3, sum: 3 });
    expect(kinds.map((k) => [k.feature, k.inBaseline, k.kinds])).toEqual([
      ['income', true, { string: 1 }],
      ['region', true, { boolean: 1 }],
      ['member', true, { string: 1 }],
      ['extra', false, { string: 1, number: 1 }],
    ]);
  });

  it('counts every valid numeric value into the fine grid as well (searchsorted right), and keeps none without one', () => {
    // Irregular steps, ties with the values below, and the coarse edges among the fine ones.
    const fineEdges = [-2, 0.1, 0.3, 1, 5, 5.5, 10, 12.25, 20, 20.5, 1e6];
    const withFine = compileBaseline({
      modelId: 'm',
      modelVersion: '1',
      baselineId: 'b2',
      createdAt: T0,
      rowCount: 10,
      source: 'test',
      features: [
        feature({ name: 'income', kind: 'numeric', edges: [10, 20], binCounts: [1, 1, 1], fineEdges, fineCounts: new Array(12).fill(1), min: 0, max: 30 }),
        feature({ name: 'age', kind: 'numeric', edges: [40], binCounts: [1, 1], min: 18, max: 90 }),
      ],
    });
    const values = [-5, -2, 0, 0.1, 0.2999, 0.3, 1, 5, 5.25, 5.5, 10, 12.25, 12.26, 20, 20.5, 25, 1e6, 2e6, Infinity, -Infinity];
    const acc = new FeatureAccumulator(withFine);
    values.forEach((x, i) => acc.add(event({ income: x, age: 30 }, i)));
    acc.add(event({ income: null, age: 50 }));
    acc.add(event({ income: 'x', age: NaN }));
    const byName = Object.fromEntries(acc.toDeltas(key).features.map((f) => [f.feature, f]));
    const expected = new Array<number>(fineEdges.length + 1).fill(0);
    for (const x of values) expected[fineEdges.filter((e) => e <= x).length]++;
    expect(byName.income.fineBins).toEqual(expected);
    expect(byName.income.bins).toEqual([values.filter((x) => x < 10).length, values.filter((x) => x >= 10 && x < 20).length, values.filter((x) => x >= 20).length]);
    expect(byName.age).toMatchObject({ bins: [values.length, 1], fineBins: [] });
  });

  it('without a baseline counts every feature by volume and kind and keeps samples as given', () => {
    const acc = new FeatureAccumulator(null);
    const e = { ...event({ a: 1.5, b: 'x' }), prediction: 0.7 };
    acc.add(e);
    acc.add(event({ a: null }, 1));
    acc.addSample(e);
    const { features, kinds } = acc.toDeltas(key);
    expect(features.map((f) => [f.feature, f.baselineId, f.count, f.missing, f.bins, f.fineBins])).toEqual([
      ['a', '', 1, 1, [], []],
      ['b', '', 1, 0, [], []],
    ]);
    expect(kinds.map((k) => [k.feature, k.kinds])).toEqual([
      ['a', { number: 1 }],
      ['b', { string: 1 }],
    ]);
    expect(acc.samples).toEqual([{ modelId: 'm', modelVersion: '1', eventId: 'e0', eventTime: T0, features: { a: 1.5, b: 'x' }, prediction: 0.7 }]);
  });
});
