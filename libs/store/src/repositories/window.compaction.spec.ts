import { OTHER_CATEGORY } from '@driftwatch/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { FeatureKindRepository } from './feature-kind.repository';
import type { FeatureKindDelta } from './ingest-flush.types';
import type { DeltaBatch, WindowDelta, WindowFeatureDelta } from './window.types';

// Migration 0016: the delta tables are AggregatingMergeTree. A window flushed every second for a
// minute gets ~60 delta rows per feature; reads must sum them the same before and after merges,
// and merges must leave one row per (window, feature).

const dir = tempDataDir();
let store: Store;
let kindsRepo: FeatureKindRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'compaction_spec'));
  kindsRepo = new FeatureKindRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const FLUSHES = 70;
const TABLES = ['windows', 'window_features', 'window_feature_kinds'] as const;

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The delta batch of flush `i` of model `modelId`: two windows, a numeric and a categorical feature. */
function flush(modelId: string, i: number, rnd: () => number): { batch: DeltaBatch; kinds: FeatureKindDelta[] } {
  const int = (n: number) => Math.floor(rnd() * n);
  const windows: WindowDelta[] = [];
  const features: WindowFeatureDelta[] = [];
  const kinds: FeatureKindDelta[] = [];
  for (const start of [T0, T0 + MINUTE]) {
    const bounds = { modelId, modelVersion: '1', windowStart: start, windowEnd: start + MINUTE };
    const events = 1 + int(50);
    windows.push({
      ...bounds,
      eventCount: events,
      lateCount: int(3),
      firstEventTime: start + int(MINUTE),
      lastEventTime: start + int(MINUTE),
      // A few flushes carry a close; the first close is the one that counts.
      closedAt: i % 30 === 29 ? start + MINUTE + i * 1_000 : null,
    });
    const hasValues = i % 7 !== 3;
    features.push({
      ...bounds,
      feature: 'income',
      baselineId: 'b1',
      count: hasValues ? events : 0,
      missing: int(4),
      typeErrors: int(2),
      bins: [int(10), int(10), int(10), int(10)],
      fineBins: i % 5 === 0 ? [] : Array.from({ length: 8 }, () => int(5)),
      categories: {},
      outOfRangeLow: int(2),
      outOfRangeHigh: int(2),
      // A flush with no value has no min or max (null), which must not read as 0.
      min: hasValues ? rnd() * 100 - 50 : null,
      max: hasValues ? rnd() * 100 + 50 : null,
      sum: hasValues ? rnd() * 1_000 : 0,
      sumSq: hasValues ? rnd() * 100_000 : 0,
    });
    const categories: Record<string, number> = { [`c${int(5)}`]: 1 + int(9), [`c${int(5)}`]: 1 + int(9), [OTHER_CATEGORY]: int(4) };
    if (categories[OTHER_CATEGORY] === 0) delete categories[OTHER_CATEGORY];
    features.push({
      ...bounds,
      feature: 'region',
      baselineId: 'b1',
      count: events,
      missing: 0,
      typeErrors: 0,
      bins: [],
      categories,
      outOfRangeLow: 0,
      outOfRangeHigh: 0,
      min: null,
      max: null,
      sum: 0,
      sumSq: 0,
    });
    kinds.push({ ...bounds, feature: 'unknown', baselineId: 'b1', inBaseline: false, kinds: { number: 1 + int(3), string: int(3) } });
  }
  return { batch: { windows, features }, kinds };
}

/** The expected read of summed deltas, computed from the deltas themselves. */
function expectedWindows(batches: DeltaBatch[]) {
  const windows = new Map<number, { events: number; late: number; first: number; last: number; closed: number | null; deltas: number }>();
  for (const w of batches.flatMap((b) => b.windows)) {
    const e = windows.get(w.windowStart) ?? { events: 0, late: 0, first: Infinity, last: -Infinity, closed: null, deltas: 0 };
    e.events += w.eventCount;
    e.late += w.lateCount;
    e.first = Math.min(e.first, w.firstEventTime!);
    e.last = Math.max(e.last, w.lastEventTime!);
    if (w.closedAt !== null) e.closed = e.closed === null ? w.closedAt : Math.min(e.closed, w.closedAt);
    e.deltas += 1;
    windows.set(w.windowStart, e);
  }
  const features = new Map<string, ReturnType<typeof emptyFeature>>();
  for (const f of batches.flatMap((b) => b.features)) {
    const key = `${f.windowStart}/${f.feature}`;
    const e = features.get(key) ?? emptyFeature();
    e.count += f.count;
    e.missing += f.missing;
    e.typeErrors += f.typeErrors;
    e.outOfRangeLow += f.outOfRangeLow;
    e.outOfRangeHigh += f.outOfRangeHigh;
    e.bins = addArrays(e.bins, f.bins);
    e.fineBins = addArrays(e.fineBins, f.fineBins ?? []);
    for (const [k, v] of Object.entries(f.categories)) e.categories[k] = (e.categories[k] ?? 0) + v;
    if (f.min !== null) e.min = e.min === null ? f.min : Math.min(e.min, f.min);
    if (f.max !== null) e.max = e.max === null ? f.max : Math.max(e.max, f.max);
    e.sum += f.sum;
    e.sumSq += f.sumSq;
    features.set(key, e);
  }
  return { windows, features };
}

function emptyFeature() {
  return {
    count: 0,
    missing: 0,
    typeErrors: 0,
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    bins: [] as number[],
    fineBins: [] as number[],
    categories: {} as Record<string, number>,
    min: null as number | null,
    max: null as number | null,
    sum: 0,
    sumSq: 0,
  };
}

function addArrays(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

async function rowsPerKey(table: (typeof TABLES)[number], modelId: string): Promise<number[]> {
  const key = table === 'windows' ? 'window_start' : 'window_start, feature';
  const result = await store.client.client.query({
    query: `SELECT count() AS n FROM ${store.client.table(table)} WHERE model_id = {modelId:String} GROUP BY ${key} ORDER BY ${key}`,
    query_params: { modelId },
    format: 'JSONEachRow',
  });
  return (await result.json<{ n: unknown }>()).map((r) => Number(r.n));
}

async function command(sql: string): Promise<void> {
  await store.client.client.command({ query: sql });
}

async function writeFlushes(modelId: string, seed: number): Promise<{ batches: DeltaBatch[]; kinds: FeatureKindDelta[][] }> {
  const rnd = random(seed);
  const batches: DeltaBatch[] = [];
  const kinds: FeatureKindDelta[][] = [];
  for (let i = 0; i < FLUSHES; i++) {
    const f = flush(modelId, i, rnd);
    // One insert per flush, each with its own token: as the aggregator writes them.
    await store.windows.insertDeltas(f.batch, `${modelId}:flush-${i}`);
    await kindsRepo.insert(f.kinds, `${modelId}:flush-${i}:kinds`);
    batches.push(f.batch);
    kinds.push(f.kinds);
  }
  return { batches, kinds };
}

async function readBack(modelId: string) {
  const windows = await store.windows.windows({ modelId, from: T0, to: T0 + 2 * MINUTE });
  const kinds = await kindsRepo.list({ modelId, from: T0, to: T0 + 2 * MINUTE });
  return { windows, kinds };
}

function checkAgainst(read: Awaited<ReturnType<typeof readBack>>, batches: DeltaBatch[], kinds: FeatureKindDelta[][]): void {
  const expected = expectedWindows(batches);
  expect(read.windows.map((w) => w.windowStart)).toEqual([T0, T0 + MINUTE]);
  for (const w of read.windows) {
    const e = expected.windows.get(w.windowStart)!;
    expect({ events: w.eventCount, late: w.lateCount, first: w.firstEventTime, last: w.lastEventTime, closed: w.closedAt, deltas: w.deltas }).toEqual(e);
    expect(w.features.map((f) => f.feature)).toEqual(['income', 'region']);
    for (const f of w.features) {
      const ef = expected.features.get(`${w.windowStart}/${f.feature}`)!;
      const { sum, sumSq, ...exact } = ef;
      expect({ ...f, sum: undefined, sumSq: undefined }).toEqual({ ...exact, feature: f.feature, baselineId: 'b1', sum: undefined, sumSq: undefined });
      // Floating-point sums may add up in another order after a merge.
      expect(f.sum).toBeCloseTo(sum, 6);
      expect(f.sumSq).toBeCloseTo(sumSq, 4);
    }
  }
  const expectedKinds = new Map<number, Record<string, number>>();
  for (const k of kinds.flat()) {
    const e = expectedKinds.get(k.windowStart) ?? {};
    for (const [kind, n] of Object.entries(k.kinds)) if (n > 0) e[kind] = (e[kind] ?? 0) + n;
    expectedKinds.set(k.windowStart, e);
  }
  expect(read.kinds.map((k) => [k.windowStart, k.feature, k.inBaseline, k.kinds])).toEqual(
    [T0, T0 + MINUTE].map((start) => [start, 'unknown', false, expectedKinds.get(start)]),
  );
}

describe('compacted window deltas', () => {
  it('reads many deltas of a window as their sum, before merges and after OPTIMIZE FINAL with one row per window and feature', async () => {
    // Merges stopped, so the first read really sums FLUSHES rows per key.
    for (const t of TABLES) await command(`SYSTEM STOP MERGES ${store.client.table(t)}`);
    const { batches, kinds } = await writeFlushes('many', 11);
    const before = { windows: await rowsPerKey('windows', 'many'), features: await rowsPerKey('window_features', 'many'), kinds: await rowsPerKey('window_feature_kinds', 'many') };
    expect(before).toEqual({ windows: [FLUSHES, FLUSHES], features: [FLUSHES, FLUSHES, FLUSHES, FLUSHES], kinds: [FLUSHES, FLUSHES] });
    const unmerged = await readBack('many');
    checkAgainst(unmerged, batches, kinds);

    for (const t of TABLES) {
      await command(`SYSTEM START MERGES ${store.client.table(t)}`);
      await command(`OPTIMIZE TABLE ${store.client.table(t)} FINAL`);
    }
    const after = { windows: await rowsPerKey('windows', 'many'), features: await rowsPerKey('window_features', 'many'), kinds: await rowsPerKey('window_feature_kinds', 'many') };
    expect(after).toEqual({ windows: [1, 1], features: [1, 1, 1, 1], kinds: [1, 1] });
    console.log(`rows per (window, feature) in window_features: before merges ${before.features.join(', ')}; after OPTIMIZE FINAL ${after.features.join(', ')}`);
    const merged = await readBack('many');
    checkAgainst(merged, batches, kinds);
    expect(merged.windows.map((w) => w.features.map((f) => f.bins))).toEqual(unmerged.windows.map((w) => w.features.map((f) => f.bins)));
  });

  it('drops a flush written again with its token, before and after the deltas were merged', async () => {
    const { batches, kinds } = await writeFlushes('replay', 12);
    const first = await readBack('replay');
    // A replay of flush 5: the same block with the same token.
    await store.windows.insertDeltas(batches[5], 'replay:flush-5');
    await kindsRepo.insert(kinds[5], 'replay:flush-5:kinds');
    expect(await readBack('replay')).toEqual(first);
    for (const t of TABLES) await command(`OPTIMIZE TABLE ${store.client.table(t)} FINAL`);
    await store.windows.insertDeltas(batches[5], 'replay:flush-5');
    await store.windows.insertDeltas(batches[FLUSHES - 1], `replay:flush-${FLUSHES - 1}`);
    await kindsRepo.insert(kinds[5], 'replay:flush-5:kinds');
    const replayed = await readBack('replay');
    checkAgainst(replayed, batches, kinds);
    expect(await rowsPerKey('window_features', 'replay')).toEqual([1, 1, 1, 1]);
    // A new token is a new flush and counts.
    await store.windows.insertDeltas(batches[5], 'replay:flush-new');
    const again = await readBack('replay');
    expect(again.windows.map((w) => w.eventCount)).toEqual(first.windows.map((w, i) => w.eventCount + batches[5].windows[i].eventCount));
  });

  it('rolls compacted windows up as it rolled their deltas up', async () => {
    for (const t of TABLES) await command(`SYSTEM STOP MERGES ${store.client.table(t)}`);
    const { batches } = await writeFlushes('rollup', 13);
    const query = { modelId: 'rollup', from: T0, to: T0 + 2 * MINUTE, bucketSeconds: 3600 };
    const unmerged = await store.windows.rollup(query);
    for (const t of TABLES) {
      await command(`SYSTEM START MERGES ${store.client.table(t)}`);
      await command(`OPTIMIZE TABLE ${store.client.table(t)} FINAL`);
    }
    const merged = await store.windows.rollup(query);
    const expected = expectedWindows(batches);
    expect(unmerged).toHaveLength(1);
    // The bucket's close: the last of its windows' first closes, whatever the merges did.
    expect(unmerged[0].closedAt).toBe(Math.max(...[...expected.windows.values()].map((w) => w.closed!)));
    expect(unmerged[0].deltas).toBe(2 * FLUSHES);
    expect({ ...merged[0], features: merged[0].features.map((f) => ({ ...f, sum: 0, sumSq: 0 })) }).toEqual({
      ...unmerged[0],
      features: unmerged[0].features.map((f) => ({ ...f, sum: 0, sumSq: 0 })),
    });
  });
});
