import { decodeEvaluation, type Baseline, type EvaluationMessage, type PredictionRow } from '@driftwatch/contracts';
import { STORE } from '@driftwatch/runtime';
import { LabelRepository, PerformanceRepository, PolicyRepository, type Store } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, MINUTE } from './support/model-data';

// Event times a little in the past (predictions expire a retention after their event time).
const H = Math.floor(Date.now() / MINUTE) * MINUTE - 60 * MINUTE;
const PER_WINDOW = 100;

let t: EvaluatorTestEnv;
let evaluations: KafkaMessage[];
let tokens = 0;

const store = (): Store => t.app.get(STORE);
const perf = () => new PerformanceRepository(store().client);
const labels = () => new LabelRepository(store().client);

const performanceOf = (modelId: string): EvaluationMessage[] =>
  evaluations
    .map((m) => {
      const r = decodeEvaluation(m.value as Buffer);
      if (!r.ok) throw new Error(`undecodable evaluation: ${r.reason}`);
      return r.event;
    })
    .filter((e) => e.modelId === modelId && e.subject === 'performance');

/** PER_WINDOW class predictions ('a' or 'b', alternating) in the window starting at `start`. */
function predictions(modelId: string, start: number): PredictionRow[] {
  return Array.from({ length: PER_WINDOW }, (_, i) => ({
    modelId,
    modelVersion: '1',
    eventId: `${start}-${i}`,
    eventTime: start + i * 100,
    windowStart: start,
    windowEnd: start + MINUTE,
    kind: 'class' as const,
    number: null,
    class: i % 2 === 0 ? 'a' : 'b',
    probabilities: {},
    sourceOffset: String(i),
  }));
}

/** Labels agreeing with the first `agree` predictions (by index) and contradicting the rest. */
function labelsFor(rows: PredictionRow[], agree: number, timestamp: number) {
  return rows.map((r, i) => ({ modelId: r.modelId, eventId: r.eventId, timestamp, label: i < agree ? (r.class as string) : r.class === 'a' ? 'b' : 'a' }));
}

/** Stores a window's predictions and its close, as the aggregator's flush does. */
async function storePredictions(rows: PredictionRow[]): Promise<void> {
  await store().predictions.insert(rows, `perf-it-${++tokens}`, 30);
  const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  await store().client.client.insert({
    table: store().client.table('windows'),
    format: 'JSONEachRow',
    values: [{ model_id: rows[0].modelId, model_version: rows[0].modelVersion, window_start: at(rows[0].windowStart), window_end: at(rows[0].windowEnd), event_count: rows.length, late_count: 0, closed_at: at(Date.now()) }],
  });
}

function baselineWithAccuracy(modelId: string, accuracy: number): Baseline {
  return {
    ...creditRiskBaseline(modelId, `${modelId}-b1`),
    modelVersion: '1',
    performance: { task: 'binary', positiveClass: 'b', classes: ['a', 'b'], labelled: 2000, metrics: { accuracy } },
  };
}

async function policy(modelId: string, labelWaitSeconds: number): Promise<void> {
  await new PolicyRepository(store().client).put(modelId, {
    rollup: { enabled: false },
    performance: { metric: 'accuracy', minLabelled: 50, minCoverage: 0.5, labelWaitSeconds, detectors: [] },
  });
}

beforeAll(async () => {
  t = await startEvaluatorEnv('performance', { silenceCheckMs: 0, performanceIntervalMs: 200, policyRefreshMs: 0 });
  evaluations = await t.tap(t.config.topics.evaluations);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('performance monitor (real broker, embedded ClickHouse)', () => {
  it('raises performance_degradation for the windows whose labels flipped, from labels written after the windows closed', async () => {
    const m = 'concept-flip';
    await store().baselines.save(baselineWithAccuracy(m, 0.9));
    // A long label wait: only complete labelling makes these windows ready.
    await policy(m, 3600);
    const windows = [0, 1, 2, 3].map((k) => predictions(m, H + k * MINUTE));
    for (const rows of windows) await storePredictions(rows);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(performanceOf(m)).toEqual([]);

    for (const [k, rows] of windows.entries()) await labels().save(labelsFor(rows, k < 2 ? 90 : 40, H + 2 * 3600_000));
    await waitFor('four performance evaluations', () => performanceOf(m).length >= 4);
    const got = performanceOf(m);
    expect(got.map((e) => e.windowStart)).toEqual([H, H + MINUTE, H + 2 * MINUTE, H + 3 * MINUTE]);
    expect(got.map((e) => e.performance?.value)).toEqual([0.9, 0.9, 0.4, 0.4]);
    expect(got.map((e) => e.findings.filter((f) => f.kind === 'performance_degradation').length)).toEqual([0, 0, 1, 1]);
    expect(got[2].findings[0]).toMatchObject({ feature: null, details: { metric: 'accuracy', value: 0.4, baselineValue: 0.9, labelled: 100, coverage: 1 } });
    expect(got.every((e) => e.judged && e.baselineId === `${m}-b1` && e.performance?.labelled === 100)).toBe(true);
    // Stored too, for the API.
    const rows = await perf().list({ modelId: m, granularity: 'window', from: H, to: H + 10 * MINUTE });
    expect(rows.map((r) => [r.windowStart, r.value, r.judged])).toEqual([
      [H + 3 * MINUTE, 0.4, true],
      [H + 2 * MINUTE, 0.4, true],
      [H + MINUTE, 0.9, true],
      [H, 0.9, true],
    ]);
  });

  it('joins labels stored before their predictions, keeps the latest of duplicate labels and leaves orphans out', async () => {
    const m = 'label-order';
    await policy(m, 3600);
    const rows = predictions(m, H);
    // Before the predictions: every label wrong, then corrected by a later timestamp, then a
    // stale copy (older timestamp) of the wrong one arriving last.
    await labels().save(labelsFor(rows, 0, H + 1000));
    await labels().save(labelsFor(rows, PER_WINDOW, H + 2000));
    await labels().save(labelsFor(rows, 0, H + 1500));
    await labels().save(Array.from({ length: 20 }, (_, i) => ({ modelId: m, eventId: `orphan-${i}`, timestamp: H, label: 'a' })));
    await storePredictions(rows);
    await waitFor('the evaluation', () => performanceOf(m).length >= 1);
    expect(performanceOf(m)[0].performance).toMatchObject({ predicted: PER_WINDOW, labelled: PER_WINDOW, coverage: 1, value: 1 });
    expect(await labels().count(m)).toBe(PER_WINDOW + 20);
  });

  it('updates the stored performance of a window judged before its last labels came', async () => {
    const m = 'late-label';
    await policy(m, 1);
    const rows = predictions(m, H);
    await storePredictions(rows);
    // 60 of 100 labelled, all correct: judged once the one-second wait is over.
    await labels().save(labelsFor(rows.slice(0, 60), 60, H + 1000));
    await waitFor('the evaluation', () => performanceOf(m).length >= 1);
    expect(performanceOf(m)[0].performance).toMatchObject({ labelled: 60, value: 1 });
    await labels().save(labelsFor(rows, 60, H + 5000).slice(60));
    await waitFor('the recomputed window', async () => (await perf().list({ modelId: m, granularity: 'window', from: H, to: H + MINUTE }))[0]?.labelled === PER_WINDOW);
    const [row] = await perf().list({ modelId: m, granularity: 'window', from: H, to: H + MINUTE });
    expect(row).toMatchObject({ predicted: PER_WINDOW, labelled: PER_WINDOW, coverage: 1, value: 0.6 });
    // Judged once: the late labels change the stored row, not the delivered evaluation.
    expect(performanceOf(m)).toHaveLength(1);
    expect((await perf().cursor(m, '1', 'window'))?.judgedThrough).toBe(H);
  });

  it('loses nothing when the evaluator restarts between a prediction and its label', async () => {
    const m = 'restart';
    await store().baselines.save(baselineWithAccuracy(m, 0.9));
    await policy(m, 3600);
    const first = predictions(m, H);
    const second = predictions(m, H + MINUTE);
    await storePredictions(first);
    await labels().save(labelsFor(first, 90, H + 1000));
    await waitFor('the first window', () => performanceOf(m).length >= 1);
    await storePredictions(second);
    await t.restart();
    await labels().save(labelsFor(second, 40, H + 2000));
    await waitFor('the second window after the restart', () => performanceOf(m).length >= 2);
    const got = performanceOf(m);
    expect(got.map((e) => [e.windowStart, e.performance?.labelled, e.findings.length])).toEqual([
      [H, PER_WINDOW, 0],
      [H + MINUTE, PER_WINDOW, 1],
    ]);
  });
});
