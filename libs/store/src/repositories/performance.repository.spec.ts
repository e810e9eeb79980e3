import type { PredictionRow } from '@driftwatch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDateTime64 } from '../sql/datetime.util';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { LabelRepository } from './label.repository';
import { PerformanceRepository } from './performance.repository';
import type { PerformanceWindowRow } from './performance.types';

const dir = tempDataDir();
let store: Store;
let labels: LabelRepository;
let perf: PerformanceRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'performance_spec'));
  labels = new LabelRepository(store.client);
  perf = new PerformanceRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const MIN = 60_000;
let token = 0;

function prediction(modelId: string, eventId: string, eventTime: number, over: Partial<PredictionRow> = {}): PredictionRow {
  const windowStart = Math.floor(eventTime / MIN) * MIN;
  return {
    modelId,
    modelVersion: 'v1',
    eventId,
    eventTime,
    windowStart,
    windowEnd: windowStart + MIN,
    kind: 'class',
    number: null,
    class: 'a',
    probabilities: {},
    sourceOffset: '1',
    ...over,
  };
}

async function predict(rows: PredictionRow[]): Promise<void> {
  await store.predictions.insert(rows, `perf-spec-${++token}`, 30);
}

describe('PerformanceRepository.labelledPredictions', () => {
  it('joins each prediction once to its winning label, labels before predictions included, before any merge', async () => {
    const m = 'join';
    // A label stored before its prediction.
    await labels.save([{ modelId: m, eventId: 'early', timestamp: T0, label: 'a' }]);
    await predict([
      prediction(m, 'early', T0 + 1000),
      prediction(m, 'dup', T0 + 2000, { class: 'first', sourceOffset: '5' }),
      prediction(m, 'score', T0 + 3000, { kind: 'number', number: 0.75, class: null }),
      prediction(m, 'probs', T0 + 3000, { kind: 'probabilities', class: null, probabilities: { a: 0.25, b: 0.75 } }),
      prediction(m, 'unlabelled', T0 + 4000),
    ]);
    // A producer's duplicate of an eventId (higher offset wins), in a separate insert.
    await predict([prediction(m, 'dup', T0 + 2000, { class: 'second', sourceOffset: '9' })]);
    // The same label twice, then a correction with a later timestamp, each in its own insert.
    await labels.save([{ modelId: m, eventId: 'dup', timestamp: T0 + 10, label: 'old' }]);
    await labels.save([{ modelId: m, eventId: 'dup', timestamp: T0 + 10, label: 'old' }]);
    await labels.save([{ modelId: m, eventId: 'dup', timestamp: T0 + 20, label: 'corrected' }]);
    await labels.save([{ modelId: m, eventId: 'dup', timestamp: T0 + 15, label: 'stale, arrived last' }]);
    await labels.save([
      { modelId: m, eventId: 'score', timestamp: T0, label: 1 },
      { modelId: m, eventId: 'probs', timestamp: T0, label: true },
      // Orphans: an event never predicted, and an event of another model.
      { modelId: m, eventId: 'never-predicted', timestamp: T0, label: 'a' },
      { modelId: 'other', eventId: 'unlabelled', timestamp: T0, label: 'x' },
    ]);

    const rows = await perf.labelledPredictions({ modelId: m, modelVersion: 'v1', from: T0, to: T0 + MIN });
    expect(rows.map((r) => [r.eventId, r.label])).toEqual([
      ['early', 'a'],
      ['dup', 'corrected'],
      ['probs', true],
      ['score', 1],
      ['unlabelled', null],
    ]);
    expect(rows[1]).toMatchObject({ class: 'second', kind: 'class', eventTime: T0 + 2000, windowStart: T0, windowEnd: T0 + MIN });
    expect(rows[2]).toMatchObject({ kind: 'probabilities', probabilities: { a: 0.25, b: 0.75 }, number: null });
    expect(rows[3]).toMatchObject({ kind: 'number', number: 0.75, class: null });
    // The orphan is kept in its table, only left out of the join.
    expect(await labels.count(m)).toBe(5);
    expect(await perf.windowCounts({ modelId: m, from: T0, to: T0 + MIN })).toEqual([
      { modelId: m, modelVersion: 'v1', windowStart: T0, windowEnd: T0 + MIN, predicted: 5, labelled: 4, lastInsertedAt: expect.any(Number), closed: false },
    ]);
    // Closed once the aggregator wrote the window's close (a windows row with closed_at).
    await store.client.client.insert({
      table: store.client.table('windows'),
      format: 'JSONEachRow',
      values: [{ model_id: m, model_version: 'v1', window_start: toDateTime64(T0), window_end: toDateTime64(T0 + MIN), event_count: 5, late_count: 0, closed_at: toDateTime64(T0 + MIN + 1000) }],
    });
    expect((await perf.windowCounts({ modelId: m, from: T0, to: T0 + MIN })).map((w) => w.closed)).toEqual([true]);
  });

  it('selects one version and the windows starting in [from, to), in event-time then event-id order', async () => {
    const m = 'range';
    await predict([
      prediction(m, 'b', T0 + 5),
      prediction(m, 'a', T0 + 5),
      prediction(m, 'next-window', T0 + MIN),
      prediction(m, 'before', T0 - 1),
      prediction(m, 'v2', T0 + 7, { modelVersion: 'v2' }),
    ]);
    const rows = await perf.labelledPredictions({ modelId: m, modelVersion: 'v1', from: T0, to: T0 + MIN });
    expect(rows.map((r) => r.eventId)).toEqual(['a', 'b']);
    const both = await perf.labelledPredictions({ modelId: m, modelVersion: 'v1', from: T0 - MIN, to: T0 + 2 * MIN });
    expect(both.map((r) => r.eventId)).toEqual(['before', 'a', 'b', 'next-window']);
  });
});

describe('PerformanceRepository windows for readiness and recompute', () => {
  it('counts predictions and labelled ones per version and window, duplicates once', async () => {
    const m = 'counts';
    await predict([prediction(m, 'e1', T0), prediction(m, 'e2', T0 + 1), prediction(m, 'e3', T0 + MIN), prediction(m, 'x', T0, { modelVersion: 'v2' })]);
    await predict([prediction(m, 'e1', T0, { sourceOffset: '2' })]);
    await labels.save([{ modelId: m, eventId: 'e1', timestamp: T0, label: 'a' }]);
    await labels.save([{ modelId: m, eventId: 'e1', timestamp: T0 + 1, label: 'b' }]);
    const before = Date.now();
    const counts = await perf.windowCounts({ modelId: m, from: T0, to: T0 + 10 * MIN });
    expect(counts.map((c) => [c.modelVersion, c.windowStart, c.predicted, c.labelled])).toEqual([
      ['v1', T0, 2, 1],
      ['v2', T0, 1, 0],
      ['v1', T0 + MIN, 1, 0],
    ]);
    expect(counts[0].lastInsertedAt).toBeLessThanOrEqual(before);
    expect(counts[0].lastInsertedAt).toBeGreaterThan(before - 60_000);
    expect((await perf.windowCounts({ modelId: m, modelVersion: 'v2', from: T0, to: T0 + MIN })).map((c) => c.predicted)).toEqual([1]);
  });

  it('finds the windows a label received after a watermark belongs to, and the versions and windows with new predictions', async () => {
    const m = 'touched';
    await predict([prediction(m, 'old', T0), prediction(m, 'late', T0 + 3 * MIN), prediction(m, 'w2', T0 + 5 * MIN, { modelVersion: 'v2' })]);
    await labels.save([{ modelId: m, eventId: 'old', timestamp: T0, label: 'a', receivedAt: 1_000 }]);
    const watermark = Date.now() - 1;
    await labels.save([
      { modelId: m, eventId: 'late', timestamp: T0, label: 'a' },
      { modelId: m, eventId: 'w2', timestamp: T0, label: 'a' },
      { modelId: m, eventId: 'orphan', timestamp: T0, label: 'a' },
    ]);
    const touched = (await perf.windowsTouchedByLabels({ receivedSince: watermark })).filter((w) => w.modelId === m);
    expect(touched).toEqual([
      { modelId: m, modelVersion: 'v1', windowStart: T0 + 3 * MIN, windowEnd: T0 + 4 * MIN },
      { modelId: m, modelVersion: 'v2', windowStart: T0 + 5 * MIN, windowEnd: T0 + 6 * MIN },
    ]);
    expect((await perf.versionsWithPredictions(0)).filter((v) => v.modelId === m)).toEqual([
      { modelId: m, modelVersion: 'v1' },
      { modelId: m, modelVersion: 'v2' },
    ]);
    expect((await perf.windowsWithPredictions({ insertedSince: 0 })).filter((w) => w.modelId === m).map((w) => w.windowStart)).toEqual([
      T0,
      T0 + 3 * MIN,
      T0 + 5 * MIN,
    ]);
    expect(await perf.versionsWithPredictions(Date.now() + 60_000)).toEqual([]);
    expect(await perf.maxLabelTime(m)).toBe(T0);
    expect(await perf.maxLabelTime('no-labels')).toBeNull();
  });
});

describe('PerformanceRepository performance rows and cursors', () => {
  const row = (over: Partial<PerformanceWindowRow>): PerformanceWindowRow => ({
    modelId: 'rows',
    modelVersion: 'v1',
    granularity: 'window',
    windowStart: T0,
    windowEnd: T0 + MIN,
    predicted: 10,
    labelled: 5,
    coverage: 0.5,
    task: 'binary',
    metric: 'accuracy',
    value: 0.8,
    baselineValue: 0.9,
    interval: { low: 0.5, high: 0.95, confidence: 0.99, method: 'wilson' },
    judged: true,
    reason: null,
    metrics: { accuracy: 0.8, rocAuc: null },
    computedAt: T0 + 2 * MIN,
    ...over,
  });

  it('keeps the latest computation of a window, newest window first, bounded', async () => {
    await perf.savePerformance([row({}), row({ windowStart: T0 + MIN, windowEnd: T0 + 2 * MIN, task: null, value: null, interval: null, judged: false, reason: 'too few labels' })]);
    await perf.savePerformance([row({ labelled: 9, coverage: 0.9, value: 0.4, computedAt: T0 + 5 * MIN })]);
    await perf.savePerformance([row({ granularity: 'rollup', windowEnd: T0 + 60 * MIN })]);
    const got = await perf.list({ modelId: 'rows', granularity: 'window', from: T0, to: T0 + 60 * MIN });
    expect(got).toEqual([
      row({ windowStart: T0 + MIN, windowEnd: T0 + 2 * MIN, task: null, value: null, interval: null, judged: false, reason: 'too few labels' }),
      row({ labelled: 9, coverage: 0.9, value: 0.4, computedAt: T0 + 5 * MIN }),
    ]);
    expect(await perf.list({ modelId: 'rows', granularity: 'window', from: T0, to: T0 + 60 * MIN, limit: 1 })).toHaveLength(1);
    expect((await perf.list({ modelId: 'rows', granularity: 'rollup', from: T0, to: T0 + 1 })).map((r) => r.windowEnd)).toEqual([T0 + 60 * MIN]);
    await expect(perf.list({ modelId: 'rows', granularity: 'window', from: T0, to: T0 + 1, limit: 0 })).rejects.toThrow(/limit/);
  });

  it('keeps the last saved cursor per model version and granularity', async () => {
    expect(await perf.cursor('cur', 'v1', 'window')).toBeNull();
    await perf.saveCursor({ modelId: 'cur', modelVersion: 'v1', granularity: 'window', judgedThrough: null, touchedThrough: T0, detectorState: '', updatedAt: 1 });
    await perf.saveCursor({ modelId: 'cur', modelVersion: 'v1', granularity: 'window', judgedThrough: T0 + MIN, touchedThrough: T0 + 1, detectorState: '{"a":1}', updatedAt: 2 });
    await perf.saveCursor({ modelId: 'cur', modelVersion: 'v1', granularity: 'rollup', judgedThrough: null, touchedThrough: T0, detectorState: '', updatedAt: 1 });
    expect(await perf.cursor('cur', 'v1', 'window')).toEqual({
      modelId: 'cur',
      modelVersion: 'v1',
      granularity: 'window',
      judgedThrough: T0 + MIN,
      touchedThrough: T0 + 1,
      detectorState: '{"a":1}',
      updatedAt: 2,
    });
    expect((await perf.cursors()).filter((c) => c.modelId === 'cur').map((c) => [c.granularity, c.judgedThrough])).toEqual([
      ['rollup', null],
      ['window', T0 + MIN],
    ]);
  });
});
