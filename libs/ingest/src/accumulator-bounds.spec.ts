import type { BaselineFeature, InferenceEvent } from '@driftwatch/contracts';
import { OTHER_CATEGORY } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { compileBaseline } from './compiled-baseline';
import { FeatureAccumulator } from './feature-accumulator';
import { PartitionIngest } from './partition-ingest';

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const key = { modelId: 'm', modelVersion: '1', start: T0, end: T0 + 60_000 };
const region: BaselineFeature = {
  name: 'region', kind: 'categorical', edges: [], binCounts: [], categories: { north: 3, south: 2 },
  count: 5, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null,
};
const baseline = compileBaseline({ modelId: 'm', modelVersion: '1', baselineId: 'b1', createdAt: T0, rowCount: 5, source: 'test', features: [region] });
const event = (features: InferenceEvent['features'], i = 0): InferenceEvent => ({ eventId: `e${i}`, modelId: 'm', modelVersion: '1', timestamp: T0, features });

describe('FeatureAccumulator bounds', () => {
  it('stores the top K categories of a feature plus __other__ with the rest, the total exact', () => {
    const acc = new FeatureAccumulator(baseline, { maxCategories: 10 });
    let n = 0;
    // 'north' is frequent; 5000 distinct random-looking categories once each.
    for (let i = 0; i < 3000; i++) acc.add(event({ region: 'north' }, n++));
    for (let i = 0; i < 5000; i++) acc.add(event({ region: `v${(i * 7919) % 100_003}` }, n++));
    const [row] = acc.toDeltas(key).features;
    expect(Object.keys(row.categories)).toHaveLength(11);
    expect(row.categories.north).toBe(3000);
    expect(row.categories[OTHER_CATEGORY]).toBeGreaterThan(0);
    expect(Object.values(row.categories).reduce((s, c) => s + c, 0)).toBe(8000);
    expect(row.count).toBe(8000);
  });

  it('holds at most about 2K categories in memory between flushes, whatever the missing values in between', () => {
    const acc = new FeatureAccumulator(baseline, { maxCategories: 10 });
    let n = 0;
    let peak = 0;
    for (let i = 0; i < 20_000; i++) {
      // A missing value at every 256th observation must not defeat the bound.
      acc.add(event(i % 256 === 255 ? { region: null } : { region: `v${i}` }, n++));
      const held = (acc as unknown as { tallies: { categories?: Record<string, number> }[] }).tallies[0].categories ?? {};
      peak = Math.max(peak, Object.keys(held).length);
    }
    expect(peak).toBeLessThanOrEqual(2 * 10 + 1 + 256);
    const [row] = acc.toDeltas(key).features;
    expect(Object.values(row.categories).reduce((s, c) => s + c, 0)).toBe(row.count);
  });

  it('caps unknown feature names per window: the rest are counted under __other__', () => {
    const state = new PartitionIngest('t', 0, 1, null, { windowSizeMs: () => 60_000, outOfOrdernessMs: 0, graceMs: 0, idleCloseMs: 1000, createAccumulator: () => new FeatureAccumulator(null) }, T0);
    const admit = (name: string) => state.takeUnknownFeature(key, name, 3);
    const first = new FeatureAccumulator(null);
    for (let i = 0; i < 50; i++) first.add(event({ [`k${i}`]: i, k0: 1 }, i), admit);
    const names = first.toDeltas(key).features.map((f) => f.feature).sort();
    expect(names).toEqual([OTHER_CATEGORY, 'k0', 'k1', 'k2']);
    const other = first.toDeltas(key).features.find((f) => f.feature === OTHER_CATEGORY);
    expect(other?.count).toBe(47);
    expect(first.unknownOverflow).toBe(47);
    // A later flush of the same window keeps the names it admitted and refuses new ones.
    const second = new FeatureAccumulator(null);
    second.add(event({ k1: 1, fresh: 2 }), admit);
    expect(second.toDeltas(key).features.map((f) => f.feature).sort()).toEqual([OTHER_CATEGORY, 'k1']);
    // Another window starts its own allowance.
    expect(state.takeUnknownFeature({ ...key, start: T0 + 60_000 }, 'fresh', 3)).toBe(true);
    state.forgetClosed([key]);
    expect(state.takeUnknownFeature(key, 'fresh', 3)).toBe(true);
  });
});
