// Cost of the label join (PerformanceRepository) in the embedded engine: PREDICTIONS predictions
// of one model over WINDOWS one-minute windows, labels for LABELLED_SHARE of them plus orphans,
// each side written in several inserts and never merged on purpose (FINAL does the collapsing, as
// right after ingestion). Measured:
//   per-window join: labelledPredictions of SAMPLE windows spread over the range, one at a time
//     (what the evaluator runs for each window it judges) → labels joined per second;
//   readiness: windowCounts over the whole range once;
//   late-label recompute: LATE labels received now for events spread over LATE_WINDOWS old
//     windows, then windowsTouchedByLabels + labelledPredictions of each touched window (what a
//     tick does after labels arrive) → late labels handled and labels joined per second.
//
//   npm run bench:join [-- --predictions 1000000 --windows 1000]
import { writeFileSync } from 'node:fs';
import type { PredictionRow } from '@driftwatch/contracts';
import { afterAll, beforeAll, it } from 'vitest';
import { LabelRepository } from '../src/repositories/label.repository';
import { PerformanceRepository } from '../src/repositories/performance.repository';
import { openStore, type Store } from '../src/store';
import { embeddedConfig, tempDataDir } from '../src/testing/temp-store.test-util';

const PREDICTIONS = Number(process.env.JOIN_PREDICTIONS ?? 1_000_000);
const WINDOWS = Number(process.env.JOIN_WINDOWS ?? 1000);
const LABELLED_SHARE = 0.9;
const ORPHANS = Math.round(PREDICTIONS * 0.02);
const SAMPLE = Math.min(50, WINDOWS);
const LATE = 10_000;
const LATE_WINDOWS = Math.min(100, WINDOWS);
const CHUNK = 100_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const MODEL = 'join-bench';
// Where tools/bench/join.bench.cjs wants the figures (its --json).
const RESULTS = process.env.JOIN_RESULTS;

const dir = tempDataDir();
let store: Store;
let perf: PerformanceRepository;
let labels: LabelRepository;

const perWindow = Math.ceil(PREDICTIONS / WINDOWS);
const eventId = (i: number) => `e${i.toString().padStart(9, '0')}`;
const timeOf = (i: number) => T0 + Math.floor(i / perWindow) * MIN + (i % perWindow) * Math.floor(MIN / perWindow);

function prediction(i: number): PredictionRow {
  const windowStart = T0 + Math.floor(i / perWindow) * MIN;
  return {
    modelId: MODEL,
    modelVersion: '1',
    eventId: eventId(i),
    eventTime: timeOf(i),
    windowStart,
    windowEnd: windowStart + MIN,
    kind: 'probabilities',
    number: null,
    class: null,
    probabilities: { yes: (i % 97) / 97, no: 1 - (i % 97) / 97 },
    sourceOffset: String(i),
  };
}

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'join_bench'));
  perf = new PerformanceRepository(store.client);
  labels = new LabelRepository(store.client);
  let t = process.hrtime.bigint();
  for (let from = 0; from < PREDICTIONS; from += CHUNK) {
    const rows = [];
    for (let i = from; i < Math.min(PREDICTIONS, from + CHUNK); i++) rows.push(prediction(i));
    await store.predictions.insert(rows, `bench-p-${from}`, 3650);
  }
  print(`stored ${PREDICTIONS} predictions over ${WINDOWS} windows in ${seconds(t).toFixed(1)} s`);
  t = process.hrtime.bigint();
  // Labels in a different order from the predictions (stride), so neither side is pre-sorted.
  const stride = 7919;
  const labelled = Math.floor(PREDICTIONS * LABELLED_SHARE);
  // Received now: labels expire a retention after they were received.
  const receivedAt = Date.now();
  let batch = [];
  let written = 0;
  for (let k = 0; k < labelled + ORPHANS; k++) {
    const id = k < labelled ? eventId((k * stride) % PREDICTIONS) : `orphan-${k}`;
    batch.push({ modelId: MODEL, eventId: id, timestamp: T0 + k, label: k % 3 === 0 ? 'no' : 'yes', receivedAt });
    if (batch.length === CHUNK) {
      await labels.save(batch, `bench-l-${written}`);
      written += batch.length;
      batch = [];
    }
  }
  await labels.save(batch, `bench-l-${written}`);
  print(`stored ${labelled + ORPHANS} labels (${ORPHANS} orphans) in ${seconds(t).toFixed(1)} s`);
}, 3_600_000);

afterAll(async () => {
  await store?.close();
  dir.remove();
});

it('measures the join', async () => {
  let t = process.hrtime.bigint();
  const counts = await perf.windowCounts({ modelId: MODEL, from: T0, to: T0 + WINDOWS * MIN });
  const countsS = seconds(t);
  const labelledTotal = counts.reduce((s, c) => s + c.labelled, 0);
  print(`windowCounts over ${counts.length} windows (${labelledTotal} labelled): ${countsS.toFixed(2)} s, ${(labelledTotal / countsS).toFixed(0)} labels joined/s`);

  let joined = 0;
  let rowsRead = 0;
  const times: number[] = [];
  for (let s = 0; s < SAMPLE; s++) {
    const w = Math.floor((s * WINDOWS) / SAMPLE);
    t = process.hrtime.bigint();
    const rows = await perf.labelledPredictions({ modelId: MODEL, modelVersion: '1', from: T0 + w * MIN, to: T0 + (w + 1) * MIN });
    times.push(seconds(t));
    rowsRead += rows.length;
    joined += rows.filter((r) => r.label !== null).length;
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  print(
    `per-window join: ${SAMPLE} windows of ~${perWindow} predictions, ${joined} labels joined in ${total.toFixed(2)} s → ${(joined / total).toFixed(0)} labels joined/s ` +
      `(median ${(times[Math.floor(SAMPLE / 2)] * 1000).toFixed(0)} ms, max ${(times[SAMPLE - 1] * 1000).toFixed(0)} ms per window; ${rowsRead} rows)`,
  );

  // Late labels: received now for old windows, some correcting an existing label.
  const receivedSince = Date.now() + 1;
  await new Promise((resolve) => setTimeout(resolve, 5));
  const late = [];
  for (let k = 0; k < LATE; k++) {
    const w = Math.floor(((k % LATE_WINDOWS) * WINDOWS) / LATE_WINDOWS);
    const i = Math.min(PREDICTIONS - 1, w * perWindow + Math.floor(k / LATE_WINDOWS));
    late.push({ modelId: MODEL, eventId: eventId(i), timestamp: T0 + 10 * PREDICTIONS + k, label: 'no' });
  }
  await labels.save(late, 'bench-late');
  t = process.hrtime.bigint();
  const touched = await perf.windowsTouchedByLabels({ receivedSince });
  const findS = seconds(t);
  let lateJoined = 0;
  for (const w of touched) {
    const rows = await perf.labelledPredictions({ modelId: w.modelId, modelVersion: w.modelVersion, from: w.windowStart, to: w.windowEnd });
    lateJoined += rows.filter((r) => r.label !== null).length;
  }
  const lateS = seconds(t);
  if (RESULTS) {
    const results = {
      predictions: PREDICTIONS,
      windows: WINDOWS,
      windowCounts: { seconds: countsS, labelled: labelledTotal, labelsPerSecond: labelledTotal / countsS },
      perWindowJoin: { windows: SAMPLE, joined, seconds: total, labelsPerSecond: joined / total, medianMs: times[Math.floor(SAMPLE / 2)] * 1000, worstMs: times[SAMPLE - 1] * 1000 },
      lateLabels: { labels: LATE, windows: touched.length, findMs: findS * 1000, seconds: lateS, lateLabelsPerSecond: LATE / lateS, labelsJoinedPerSecond: lateJoined / lateS },
    };
    writeFileSync(RESULTS, JSON.stringify(results, null, 2));
  }
  print(
    `late-label recompute: ${LATE} labels received for ${touched.length} windows; finding the windows ${(findS * 1000).toFixed(0)} ms, ` +
      `with their joins ${lateS.toFixed(2)} s → ${(LATE / lateS).toFixed(0)} late labels/s, ${(lateJoined / lateS).toFixed(0)} labels joined/s`,
  );
}, 3_600_000);
