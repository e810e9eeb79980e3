// Time from a driftwatch.windows message being sent to its evaluation arriving on
// driftwatch.evaluations, with the real broker and the embedded ClickHouse engine: for each of
// WINDOWS windows (20 features, 200 events; one in sixty also completes an hour, adding the
// rollup), the message is sent only after the previous evaluation arrived, so each figure is
// one window's latency, not a queue.
//
//   deploy/local/kafka.sh start
//   cd apps/evaluator && npx vitest run --config vitest.bench.config.mts
import { decodeEvaluation, encodeWindowClosed } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import type { Baseline, BaselineFeature, Store, WindowFeatureDelta } from '@driftwatch/store';
import { afterAll, beforeAll, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from '../test/support/evaluator-harness';

const WINDOWS = Number(process.env.WINDOWS ?? 50);
const FEATURES = 20;
const MIN = 60_000;
const H = Date.UTC(2026, 0, 15, 10);

let t: EvaluatorTestEnv;
let store: Store;

function baseline(): Baseline {
  return {
    modelId: 'bench',
    modelVersion: '1',
    baselineId: 'b1',
    createdAt: 0,
    rowCount: 10_000,
    source: 'bench',
    features: Array.from({ length: FEATURES }, (_, i): BaselineFeature =>
      i % 4 === 3
        ? { name: `c${i}`, kind: 'categorical' as const, edges: [], binCounts: [], fineEdges: [], fineCounts: [], categories: { a: 5000, b: 3000, c: 2000 }, count: 10_000, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: 1 }
        : {
            name: `n${i}`,
            kind: 'numeric' as const,
            edges: Array.from({ length: 9 }, (_, k) => (k + 1) * 10),
            binCounts: Array(10).fill(1000),
            fineEdges: Array.from({ length: 99 }, (_, k) => k + 1),
            fineCounts: Array(100).fill(100),
            categories: {},
            count: 10_000,
            missing: 0,
            min: 0,
            max: 100,
            mean: 50,
            std: 28.9,
            median: 50,
            importance: 1,
          },
    ),
  };
}

function deltas(start: number, shift: number): WindowFeatureDelta[] {
  const where = { modelId: 'bench', modelVersion: '1', windowStart: start, windowEnd: start + MIN, baselineId: 'b1' };
  const none: Record<string, number> = {};
  return baseline().features.map((f): WindowFeatureDelta => ({
    ...where,
    feature: f.name,
    count: 200,
    missing: 0,
    typeErrors: 0,
    bins: f.kind === 'numeric' ? [...Array(9).fill(20 - shift), 20 + 9 * shift] : [],
    fineBins: f.kind === 'numeric' ? [...Array(99).fill(2), 2] : [],
    categories: f.kind === 'numeric' ? none : { a: 100, b: 60, c: 40 - shift, d: shift },
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    min: f.kind === 'numeric' ? 0.5 : null,
    max: f.kind === 'numeric' ? 99.5 : null,
    sum: f.kind === 'numeric' ? 200 * 50 : 0,
    sumSq: 0,
  }));
}

beforeAll(async () => {
  t = await startEvaluatorEnv('bench', { silenceCheckMs: 0 });
  store = t.app.get(STORE);
  await store.baselines.save(baseline());
  for (let i = 0; i < WINDOWS; i++) {
    const start = H - (WINDOWS - i) * MIN;
    await store.windows.insertDeltas(
      { features: deltas(start, i % 5), windows: [{ modelId: 'bench', modelVersion: '1', windowStart: start, windowEnd: start + MIN, eventCount: 200, lateCount: 0, firstEventTime: start, lastEventTime: start + MIN - 1, closedAt: start + MIN }] },
      `bench-${start}`,
    );
  }
}, 600_000);

afterAll(async () => {
  await t?.cleanup();
});

it(`latency from window message to evaluation, ${WINDOWS} windows`, async () => {
  const received = await t.tap(t.config.topics.evaluations);
  const latencies: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const start = H - (WINDOWS - i) * MIN;
    const sentAt = performance.now();
    await sendRecords(t.producer, t.config.topics.windows, [
      {
        key: 'bench',
        value: encodeWindowClosed({ schemaVersion: 1, modelId: 'bench', modelVersion: '1', windowStart: start, windowEnd: start + MIN, eventCount: 200, lateCount: 0, closedAt: start + MIN, reason: 'watermark' }),
      },
    ]);
    await waitFor(`evaluation of window ${i}`, () =>
      received.some((m) => {
        const r = decodeEvaluation(m.value as Buffer);
        return r.ok && r.event.granularity === 'window' && r.event.windowStart === start;
      }),
    );
    latencies.push(performance.now() - sentAt);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const line = `window message → evaluation on Kafka, ${WINDOWS} windows of ${FEATURES} features: median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms (includes the broker round trips of send and consume)`;
  process.stdout.write(`\n${line}\n`);
});
