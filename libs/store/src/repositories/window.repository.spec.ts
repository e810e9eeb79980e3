import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import type { WindowDelta, WindowFeatureDelta } from './window.types';

const dir = tempDataDir();
let store: Store;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'windows_spec'));
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

function windowDelta(modelId: string, start: number, o: Partial<WindowDelta> = {}): WindowDelta {
  return {
    modelId,
    modelVersion: '1',
    windowStart: start,
    windowEnd: start + MINUTE,
    eventCount: 10,
    lateCount: 0,
    firstEventTime: start + 1_000,
    lastEventTime: start + 59_000,
    closedAt: null,
    ...o,
  };
}

function featureDelta(modelId: string, start: number, o: Partial<WindowFeatureDelta> = {}): WindowFeatureDelta {
  return {
    modelId,
    modelVersion: '1',
    windowStart: start,
    windowEnd: start + MINUTE,
    feature: 'income',
    baselineId: 'b1',
    count: 9,
    missing: 1,
    typeErrors: 0,
    bins: [2, 3, 4],
    categories: {},
    outOfRangeLow: 1,
    outOfRangeHigh: 0,
    min: 1.5,
    max: 8,
    sum: 40.5,
    sumSq: 250.25,
    ...o,
  };
}

describe('WindowRepository', () => {
  it('sums a late delta into its window', async () => {
    await store.windows.insertDeltas(
      {
        windows: [windowDelta('late', T0, { closedAt: T0 + 80_000 })],
        features: [
          featureDelta('late', T0),
          featureDelta('late', T0, {
            feature: 'region',
            baselineId: 'b1',
            bins: [],
            categories: { north: 6, south: 3 },
            min: null,
            max: null,
            sum: 0,
            sumSq: 0,
            outOfRangeLow: 0,
          }),
        ],
      },
      'late-1',
    );
    await store.windows.insertDeltas(
      {
        windows: [windowDelta('late', T0, { eventCount: 2, lateCount: 2, firstEventTime: T0 + 500, lastEventTime: T0 + 30_000 })],
        features: [
          featureDelta('late', T0, { count: 2, missing: 0, typeErrors: 1, bins: [0, 1, 1], outOfRangeLow: 0, outOfRangeHigh: 1, min: 0.5, max: 3, sum: 3.5, sumSq: 9.25 }),
          featureDelta('late', T0, { feature: 'region', bins: [], categories: { south: 1, east: 1 }, min: null, max: null, sum: 0, sumSq: 0, outOfRangeLow: 0, count: 2, missing: 0 }),
        ],
      },
      'late-2',
    );

    const [w] = await store.windows.windows({ modelId: 'late', from: T0, to: T0 + MINUTE });
    expect(w).toMatchObject({
      modelId: 'late',
      modelVersion: '1',
      windowStart: T0,
      windowEnd: T0 + MINUTE,
      eventCount: 12,
      lateCount: 2,
      firstEventTime: T0 + 500,
      lastEventTime: T0 + 59_000,
      closedAt: T0 + 80_000,
      deltas: 2,
      windowCount: 1,
    });
    expect(w.features).toEqual([
      {
        feature: 'income',
        baselineId: 'b1',
        count: 11,
        missing: 1,
        typeErrors: 1,
        bins: [2, 4, 5],
        fineBins: [],
        categories: {},
        outOfRangeLow: 1,
        outOfRangeHigh: 1,
        min: 0.5,
        max: 8,
        sum: 44,
        sumSq: 259.5,
      },
      {
        feature: 'region',
        baselineId: 'b1',
        count: 11,
        missing: 1,
        typeErrors: 0,
        bins: [],
        fineBins: [],
        categories: { east: 1, north: 6, south: 4 },
        outOfRangeLow: 0,
        outOfRangeHigh: 0,
        min: null,
        max: null,
        sum: 0,
        sumSq: 0,
      },
    ]);
    expect(await store.windows.window('late', '1', T0)).toEqual(w);
    expect(await store.windows.window('late', '1', T0 + MINUTE)).toBeNull();
  });

  it('drops a retried insert with the same token and counts one with a new token', async () => {
    // The batch spans two months, so ClickHouse writes it as two parts; both must be deduplicated.
    const endOfMonth = Date.UTC(2026, 10, 30, 23, 59, 0);
    const batch = {
      windows: [windowDelta('dedup', endOfMonth), windowDelta('dedup', endOfMonth + MINUTE)],
      features: [featureDelta('dedup', endOfMonth), featureDelta('dedup', endOfMonth + MINUTE)],
    };
    await store.windows.insertDeltas(batch, 'p0:100-199');
    await store.windows.insertDeltas(batch, 'p0:100-199');
    const once = await store.windows.windows({ modelId: 'dedup', from: endOfMonth, to: endOfMonth + 2 * MINUTE });
    expect(once.map((w) => [w.eventCount, w.features[0].count, w.deltas])).toEqual([
      [10, 9, 1],
      [10, 9, 1],
    ]);

    await store.windows.insertDeltas(batch, 'p0:200-299');
    const twice = await store.windows.windows({ modelId: 'dedup', from: endOfMonth, to: endOfMonth + 2 * MINUTE });
    expect(twice.map((w) => [w.eventCount, w.features[0].count, w.features[0].bins])).toEqual([
      [20, 18, [4, 6, 8]],
      [20, 18, [4, 6, 8]],
    ]);
  });

  it('does not let one insert token leak into a later insert', async () => {
    // The embedded engine keeps per-query settings on its session; without the reset a later
    // insert without a token would reuse this one and be dropped as a duplicate.
    await store.windows.insertDeltas({ windows: [windowDelta('leak', T0)], features: [] }, 'leak-token');
    await store.client.client.insert({
      table: store.client.table('windows'),
      values: [{ model_id: 'leak', model_version: '1', window_start: '2026-11-26 14:01:00.000', window_end: '2026-11-26 14:02:00.000', event_count: 5, late_count: 0 }],
      format: 'JSONEachRow',
    });
    const ws = await store.windows.windows({ modelId: 'leak', from: T0, to: T0 + HOUR });
    expect(ws.map((w) => w.eventCount)).toEqual([10, 5]);
  });

  it('rolls minute windows up into hours by summing', async () => {
    const features: WindowFeatureDelta[] = [];
    const windows: WindowDelta[] = [];
    // 90 minutes from 14:00: 60 windows fall in the 14:00 hour and 30 in the 15:00 hour.
    for (let i = 0; i < 90; i++) {
      const start = T0 + i * MINUTE;
      windows.push(windowDelta('rollup', start, { eventCount: i + 1, closedAt: start + 70_000 }));
      features.push(featureDelta('rollup', start, { count: i + 1, bins: [i, 1, 0], categories: {}, min: i, max: i + 1, sum: i, sumSq: i * i }));
    }
    await store.windows.insertDeltas({ windows, features }, 'rollup-1');
    const hours = await store.windows.rollup({ modelId: 'rollup', from: T0, to: T0 + 2 * HOUR, bucketSeconds: 3600 });
    // Sums of 1..60 and 61..90, of 0..59 and 60..89, squares likewise.
    expect(hours.map((h) => ({ start: h.windowStart, end: h.windowEnd, events: h.eventCount, windows: h.windowCount, closed: h.closedAt }))).toEqual([
      { start: T0, end: T0 + HOUR, events: 1830, windows: 60, closed: T0 + 59 * MINUTE + 70_000 },
      { start: T0 + HOUR, end: T0 + 2 * HOUR, events: 2265, windows: 30, closed: T0 + 89 * MINUTE + 70_000 },
    ]);
    expect(hours.map((h) => h.features[0])).toMatchObject([
      { count: 1830, bins: [1770, 60, 0], min: 0, max: 60, sum: 1770, sumSq: 70210 },
      { count: 2265, bins: [2235, 30, 0], min: 60, max: 90, sum: 2235, sumSq: 168755 },
    ]);
    const day = await store.windows.rollup({ modelId: 'rollup', from: T0, to: T0 + 2 * HOUR, bucketSeconds: 86_400 });
    expect(day.map((d) => [d.windowStart, d.eventCount, d.windowCount])).toEqual([[Date.UTC(2026, 10, 26), 4095, 90]]);
    await expect(store.windows.rollup({ modelId: 'rollup', from: T0, to: T0 + HOUR, bucketSeconds: 0 })).rejects.toThrow(/positive integer/);
  });

  it('sums a span not aligned to the epoch into one aggregate (a lagged reference)', async () => {
    const features: WindowFeatureDelta[] = [];
    const windows: WindowDelta[] = [];
    // Minutes 14:00..14:09 of version 1, one minute of version 2 in the same span.
    for (let i = 0; i < 10; i++) {
      const start = T0 + i * MINUTE;
      windows.push(windowDelta('span', start, { eventCount: i + 1, closedAt: start + 70_000 }));
      features.push(featureDelta('span', start, { count: i + 1, bins: [i, 1, 0], min: i, max: i + 1, sum: i, sumSq: i * i }));
    }
    windows.push(windowDelta('span', T0 + 5 * MINUTE, { modelVersion: '2', eventCount: 1000 }));
    await store.windows.insertDeltas({ windows, features }, 'span-1');
    // [14:03, 14:07) straddles a boundary of the epoch-aligned 4-minute buckets (14:04): the
    // rollup query splits it in two, the span sums it whole.
    const from = T0 + 3 * MINUTE;
    const to = T0 + 7 * MINUTE;
    const w = await store.windows.span({ modelId: 'span', modelVersion: '1', from, to });
    expect(w).toMatchObject({ windowStart: from, windowEnd: to, eventCount: 4 + 5 + 6 + 7, windowCount: 4 });
    expect(w?.features).toMatchObject([{ feature: 'income', baselineId: 'b1', count: 22, bins: [3 + 4 + 5 + 6, 4, 0], min: 3, max: 7, sum: 18, sumSq: 86 }]);
    expect(await store.windows.rollup({ modelId: 'span', modelVersion: '1', from, to, bucketSeconds: 240 })).toHaveLength(2);
    expect(await store.windows.span({ modelId: 'span', modelVersion: '1', from: T0 - HOUR, to: T0 })).toBeNull();
    await expect(store.windows.span({ modelId: 'span', modelVersion: '1', from: to, to: from })).rejects.toThrow(/from < to/);
  });

  it('keeps histograms of different baselines apart', async () => {
    await store.windows.insertDeltas(
      {
        windows: [windowDelta('switch', T0)],
        features: [featureDelta('switch', T0, { baselineId: 'b1' }), featureDelta('switch', T0, { baselineId: 'b2', bins: [1, 1, 1, 1] })],
      },
      'switch-1',
    );
    const [w] = await store.windows.windows({ modelId: 'switch', from: T0, to: T0 + MINUTE });
    expect(w.features.map((f) => [f.baselineId, f.bins])).toEqual([
      ['b1', [2, 3, 4]],
      ['b2', [1, 1, 1, 1]],
    ]);
  });

  it('filters by model, version and time range', async () => {
    await store.windows.insertDeltas(
      {
        windows: [windowDelta('range', T0), windowDelta('range', T0 + MINUTE), windowDelta('range', T0, { modelVersion: '2', eventCount: 3 })],
        features: [],
      },
      'range-1',
    );
    expect((await store.windows.windows({ modelId: 'range', from: T0 + MINUTE, to: T0 + 2 * MINUTE })).map((w) => w.windowStart)).toEqual([T0 + MINUTE]);
    expect((await store.windows.windows({ modelId: 'range', modelVersion: '2', from: T0, to: T0 + HOUR })).map((w) => w.eventCount)).toEqual([3]);
    expect(await store.windows.windows({ modelId: 'range', from: T0 - HOUR, to: T0 })).toEqual([]);
  });

  it('lists models from windows and baselines', async () => {
    await store.baselines.save({
      modelId: 'baseline-only',
      modelVersion: '3',
      baselineId: 'x',
      createdAt: T0,
      rowCount: 1,
      source: 'test',
      features: [{ name: 'a', kind: 'boolean', edges: [], binCounts: [], categories: { true: 1 }, count: 1, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null }],
    });
    const models = await store.windows.listModels();
    expect(models.find((m) => m.modelId === 'baseline-only')).toEqual({
      modelId: 'baseline-only',
      modelVersion: '3',
      firstWindowStart: null,
      lastWindowEnd: null,
      windowCount: 0,
      eventCount: 0,
      hasBaseline: true,
    });
    expect(models.filter((m) => m.modelId === 'range')).toEqual([
      { modelId: 'range', modelVersion: '1', firstWindowStart: T0, lastWindowEnd: T0 + 2 * MINUTE, windowCount: 2, eventCount: 20, hasBaseline: false },
      { modelId: 'range', modelVersion: '2', firstWindowStart: T0, lastWindowEnd: T0 + MINUTE, windowCount: 1, eventCount: 3, hasBaseline: false },
    ]);
  });

  it('lists a model version with both a baseline and windows with the span of its windows, not the epoch', async () => {
    const start = T0 + 5 * HOUR;
    await store.windows.insertDeltas(
      { windows: [windowDelta('both', start + MINUTE, { eventCount: 4 }), windowDelta('both', start, { eventCount: 6 })], features: [] },
      'both-1',
    );
    await store.baselines.save({
      modelId: 'both',
      modelVersion: '1',
      baselineId: 'both-b1',
      createdAt: T0,
      rowCount: 1,
      source: 'test',
      features: [{ name: 'a', kind: 'boolean', edges: [], binCounts: [], categories: { true: 1 }, count: 1, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null }],
    });
    const models = await store.windows.listModels();
    expect(models.filter((m) => m.modelId === 'both')).toEqual([
      { modelId: 'both', modelVersion: '1', firstWindowStart: start, lastWindowEnd: start + 2 * MINUTE, windowCount: 2, eventCount: 10, hasBaseline: true },
    ]);
  });

  it('counts a window made of many delta rows once in the model list', async () => {
    const start = T0 + 7 * HOUR;
    // Partitions and flushes each add their own rows for the same window; a close adds one more.
    for (const [i, s] of [start, start, start + MINUTE, start, start + MINUTE].entries()) {
      await store.windows.insertDeltas({ windows: [windowDelta('multi', s, { eventCount: i + 1 })], features: [] }, `multi-${i}`);
    }
    await store.windows.insertDeltas({ windows: [windowDelta('multi', start, { eventCount: 0, closedAt: start + 2 * MINUTE })], features: [] }, 'multi-close');
    await store.windows.insertDeltas({ windows: [windowDelta('multi', start, { modelVersion: '2', eventCount: 7 })], features: [] }, 'multi-v2');
    const models = await store.windows.listModels();
    expect(models.filter((m) => m.modelId === 'multi').map((m) => [m.modelVersion, m.windowCount, m.eventCount])).toEqual([
      ['1', 2, 15],
      ['2', 1, 7],
    ]);
  });

  it('tells when each model version last closed a window, by the close clock, not event time', async () => {
    const since = T0 + 100 * HOUR;
    const w = (modelId: string, start: number, closedAt: number | null, o: Partial<WindowDelta> = {}) => windowDelta(modelId, start, { closedAt, ...o });
    await store.windows.insertDeltas(
      {
        windows: [
          w('closes', T0, since + 2 * MINUTE),
          w('closes', T0 + MINUTE, since + 5 * MINUTE),
          // Still open: no close time.
          w('closes', T0 + 2 * MINUTE, null),
          // Another version that last closed before `since`.
          w('closes', T0, since - HOUR, { modelVersion: '2' }),
          // A backfilled window, a month old in event time, closed exactly at `since`.
          w('closes-backfill', T0 - 30 * 24 * HOUR, since),
          w('closes-open', T0, null),
        ],
        features: [],
      },
      'closes-1',
    );
    const mine = (closes: Awaited<ReturnType<typeof store.windows.lastCloses>>) => closes.filter((c) => c.modelId.startsWith('closes'));
    expect(mine(await store.windows.lastCloses(since))).toEqual([
      { modelId: 'closes', modelVersion: '1', lastClosedAt: since + 5 * MINUTE },
      { modelId: 'closes-backfill', modelVersion: '1', lastClosedAt: since },
    ]);
    expect(mine(await store.windows.lastCloses(since - 2 * HOUR))).toEqual([
      { modelId: 'closes', modelVersion: '1', lastClosedAt: since + 5 * MINUTE },
      { modelId: 'closes', modelVersion: '2', lastClosedAt: since - HOUR },
      { modelId: 'closes-backfill', modelVersion: '1', lastClosedAt: since },
    ]);
    expect(mine(await store.windows.lastCloses(since + 5 * MINUTE + 1))).toEqual([]);
    await expect(store.windows.lastCloses(Number.NaN)).rejects.toThrow(/since must be a finite epoch ms, got NaN/);
  });

  it('finds the window of a version starting last before a time, over all its deltas', async () => {
    const w = (start: number, o: Partial<WindowDelta> = {}) => windowDelta('previous', start, o);
    // [T0, T0+1m) twice (two deltas), a gap, then [T0+5m, T0+6m); another version's window in between.
    await store.windows.insertDeltas(
      { windows: [w(T0), w(T0, { eventCount: 3 }), w(T0 + 5 * MINUTE), w(T0 + 3 * MINUTE, { modelVersion: '2' })], features: [] },
      'previous-1',
    );
    expect(await store.windows.previousWindow('previous', '1', T0 + 5 * MINUTE)).toEqual({ windowStart: T0, windowEnd: T0 + MINUTE });
    expect(await store.windows.previousWindow('previous', '1', T0 + 5 * MINUTE + 1)).toEqual({ windowStart: T0 + 5 * MINUTE, windowEnd: T0 + 6 * MINUTE });
    expect(await store.windows.previousWindow('previous', '2', T0 + HOUR)).toEqual({ windowStart: T0 + 3 * MINUTE, windowEnd: T0 + 4 * MINUTE });
    expect(await store.windows.previousWindow('previous', '1', T0)).toBeNull();
    await expect(store.windows.previousWindow('previous', '1', Number.NaN)).rejects.toThrow(/before must be a finite epoch ms, got NaN/);
  });

  it('rejects invalid deltas and an empty token', async () => {
    await expect(store.windows.insertDeltas({ windows: [], features: [] }, '')).rejects.toThrow(/non-empty dedupToken/);
    await expect(store.windows.insertDeltas({ windows: [windowDelta('bad', T0, { windowEnd: T0 })], features: [] }, 't')).rejects.toThrow(
      /not a valid interval/,
    );
    await expect(store.windows.insertDeltas({ windows: [], features: [featureDelta('bad', T0, { missing: -1 })] }, 't')).rejects.toThrow(
      /missing must be a non-negative integer, got -1/,
    );
  });
});

describe('WindowRepository.pageEnd', () => {
  it('ends a page after `limit` window starts (versions of one start counted once) and after `limit` buckets', async () => {
    const windows: WindowDelta[] = [];
    for (let i = 0; i < 7; i++) {
      windows.push(windowDelta('paged', T0 + i * 20 * MINUTE));
      windows.push(windowDelta('paged', T0 + i * 20 * MINUTE, { modelVersion: '2' }));
    }
    await store.windows.insertDeltas({ windows, features: [] }, 'paged-1');
    const range = { modelId: 'paged', from: T0, to: T0 + 24 * HOUR };
    expect(await store.windows.pageEnd({ ...range, limit: 3 })).toBe(T0 + 60 * MINUTE);
    expect(await store.windows.pageEnd({ ...range, limit: 7 })).toBeNull();
    expect(await store.windows.pageEnd({ ...range, from: T0 + 60 * MINUTE, limit: 3 })).toBe(T0 + 120 * MINUTE);
    // Seven windows 20 minutes apart make three hourly buckets (14:00, 15:00, 16:00).
    expect(await store.windows.pageEnd({ ...range, limit: 2, bucketSeconds: 3600 })).toBe(T0 + 2 * HOUR);
    expect(await store.windows.pageEnd({ ...range, limit: 3, bucketSeconds: 3600 })).toBeNull();
    // Paging reads every window once: pages [from, end) concatenated equal the whole range.
    const all = await store.windows.windows(range);
    const paged = [];
    let from = range.from;
    for (;;) {
      const end = await store.windows.pageEnd({ ...range, from, limit: 2 });
      paged.push(...(await store.windows.windows({ ...range, from, to: end ?? range.to })));
      if (end === null) break;
      from = end;
    }
    expect(paged).toEqual(all);
    expect(all).toHaveLength(14);
  });
});

describe('WindowRepository sums near the double range', () => {
  it('reads sums that overflow when summed as saturated (±MAX_VALUE), never 0', async () => {
    const big = { min: 1e308, max: 1e308, sum: 1e308, sumSq: Number.MAX_VALUE };
    await store.windows.insertDeltas({ windows: [windowDelta('huge', T0)], features: [featureDelta('huge', T0, big)] }, 'huge-1');
    await store.windows.insertDeltas({ windows: [windowDelta('huge', T0)], features: [featureDelta('huge', T0, big)] }, 'huge-2');
    await store.windows.insertDeltas(
      { windows: [windowDelta('tiny', T0)], features: [featureDelta('tiny', T0, { min: -1e308, max: -1e308, sum: -1e308, sumSq: 1 }), featureDelta('tiny', T0, { sum: -1e308, sumSq: 1 })] },
      'tiny-1',
    );
    const [huge] = await store.windows.windows({ modelId: 'huge', from: T0, to: T0 + MINUTE });
    expect(huge.features[0].sum).toBe(Number.MAX_VALUE);
    expect(huge.features[0].sumSq).toBe(Number.MAX_VALUE);
    const [tiny] = await store.windows.windows({ modelId: 'tiny', from: T0, to: T0 + MINUTE });
    expect(tiny.features[0].sum).toBe(-Number.MAX_VALUE);
    expect(tiny.features[0].sumSq).toBe(2);
  });
});

describe('WindowRepository categories at read', () => {
  it('caps the categories summed over deltas at the largest policy K, the total kept', async () => {
    const cats = (from: number) => Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`c${from + i}`, 1 + ((from + i) % 7)]));
    const region = (categories: Record<string, number>) =>
      featureDelta('wide', T0, { feature: 'region', bins: [], categories, count: Object.values(categories).reduce((s, n) => s + n, 0), missing: 0, min: null, max: null, sum: 0, sumSq: 0, outOfRangeLow: 0 });
    await store.windows.insertDeltas({ windows: [windowDelta('wide', T0)], features: [region(cats(0))] }, 'wide-1');
    await store.windows.insertDeltas({ windows: [windowDelta('wide', T0)], features: [region(cats(6000))] }, 'wide-2');
    const [w] = await store.windows.windows({ modelId: 'wide', from: T0, to: T0 + MINUTE });
    const categories = w.features[0].categories;
    expect(Object.keys(categories)).toHaveLength(10_001);
    expect(categories.__other__).toBeGreaterThan(0);
    expect(Object.values(categories).reduce((s, n) => s + n, 0)).toBe(w.features[0].count);
  });
});
