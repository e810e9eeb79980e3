// Evaluator throughput: MODELS models of FEATURES features (four fifths numeric with a decile and a
// percentile grid, one fifth categorical), each with a registered baseline, and WINDOWS + 1 minute
// windows of their histograms written to the embedded ClickHouse store as the aggregator writes
// them (about 1000 events per model and window, ±20 %, 1 % missing). Then, window after window,
// the close messages of every model are sent together on driftwatch.windows and the evaluator
// (the real EvaluatorModule in a Nest context, real broker and store, default policy) judges them;
// the round ends when every model's evaluation is on driftwatch.evaluations. One window in four
// is drifted (a fifth of the features move by half a standard deviation), so the drift decisions
// draw their null quantiles, as they do on real drift.
//
// Measured: per window, close messages sent → all MODELS evaluations on Kafka (the first window
// apart: cold baseline and calibration caches, as after a restart); per model-window, the
// pipeline's evaluateClosed (store reads, baseline, policy, judgement) split into its store reads
// and the rest; the sink (drift_results insert and publish) per batch; a CPU profile of the main
// thread while the windows are judged, summed by where the time goes.
//
//   npm run bench:evaluator [-- --models 100 --features 50 --windows 20]
//   (tools/bench/evaluator.bench.cjs runs this file with EVAL_BENCH_* set; needs the local broker)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { decodeEvaluation, encodeWindowClosed, type WindowClosedMessage } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import { DEFAULT_CALIBRATION_CACHE } from '@driftwatch/stats';
import type { Baseline, BaselineFeature, Store, WindowDelta, WindowFeatureDelta } from '@driftwatch/store';
import { afterAll, beforeAll, it } from 'vitest';
import { EvaluatorService } from '../src/evaluator.service';
import type { EvaluationPipeline } from '../src/pipeline/evaluation-pipeline';
import type { EvaluationSink } from '../src/pipeline/evaluation-sink';
import { startEvaluatorEnv, type EvaluatorTestEnv } from '../test/support/evaluator-harness';

const MODELS = positive('EVAL_BENCH_MODELS', 100);
const FEATURES = positive('EVAL_BENCH_FEATURES', 50);
const WINDOWS = positive('EVAL_BENCH_WINDOWS', 20);
const RESULTS = process.env.EVAL_BENCH_RESULTS;
const PROFILE = process.env.EVAL_BENCH_PROFILE;
// Unset: the evaluator's default (windows-consumer.ts DEFAULT_EVALUATION_CONCURRENCY).
const CONCURRENCY = process.env.EVAL_BENCH_CONCURRENCY ? positive('EVAL_BENCH_CONCURRENCY', 1) : undefined;
const EVENTS = 1000;
const MIN = 60_000;
// The windows fill one hour from its start, so no hourly rollup bucket settles during the run.
const T0 = Date.UTC(2026, 0, 15, 10);
const NUMERIC = Math.max(1, Math.round((FEATURES * 4) / 5));
const CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

function generator(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7): enough to shape test histograms. */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** z of the standard normal at p, by bisection on phi. */
function zOf(p: number): number {
  let lo = -8;
  let hi = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const DECILES = Array.from({ length: 9 }, (_, k) => zOf((k + 1) / 10));
const PERCENTILES = Array.from({ length: 99 }, (_, k) => zOf((k + 1) / 100));
const modelId = (m: number) => `eval-bench-${String(m).padStart(3, '0')}`;
const mu = (f: number) => 10 * (f + 1);
const sd = (f: number) => f + 1;

function baseline(m: number): Baseline {
  const rand = generator(7 + m);
  const features: BaselineFeature[] = [];
  for (let f = 0; f < FEATURES; f++) {
    const importance = Math.round(rand.uniform() * 1000) / 1000;
    if (f < NUMERIC) {
      // Each model's sample differs a little, as real baselines do: the calibration cache keys
      // on the counts, so identical baselines would share null quantiles across models.
      const fineCounts = Array.from({ length: 100 }, () => 100 + Math.round(10 * rand.normal()));
      features.push({
        name: `n${f}`,
        kind: 'numeric',
        edges: DECILES.map((z) => mu(f) + sd(f) * z),
        binCounts: Array.from({ length: 10 }, (_, k) => fineCounts.slice(10 * k, 10 * k + 10).reduce((a, b) => a + b, 0)),
        fineEdges: PERCENTILES.map((z) => mu(f) + sd(f) * z),
        fineCounts,
        categories: {},
        count: fineCounts.reduce((a, b) => a + b, 0),
        missing: 0,
        min: mu(f) - 4 * sd(f),
        max: mu(f) + 4 * sd(f),
        mean: mu(f),
        std: sd(f),
        median: mu(f),
        importance,
      });
    } else {
      const categories = Object.fromEntries(CATEGORIES.map((c, i) => [c, 10_000 / CATEGORIES.length + (i - 3.5) * 100 + Math.round(30 * rand.normal())]));
      features.push({
        name: `c${f}`,
        kind: 'categorical',
        edges: [],
        binCounts: [],
        fineEdges: [],
        fineCounts: [],
        categories,
        count: Object.values(categories).reduce((a, b) => a + b, 0),
        missing: 0,
        min: null,
        max: null,
        mean: null,
        std: null,
        median: null,
        importance,
      });
    }
  }
  return { modelId: modelId(m), modelVersion: '1', baselineId: 'b1', createdAt: Date.UTC(2026, 0, 1), rowCount: 10_000, source: 'bench', features };
}

/** Counts of n values over bins whose probabilities are `p`: expected count plus normal noise. */
function counts(n: number, p: readonly number[], rand: ReturnType<typeof generator>): number[] {
  return p.map((q) => Math.max(0, Math.round(n * q + Math.sqrt(n * q * (1 - q)) * rand.normal())));
}

const drifted = (w: number) => w % 4 === 3;

function windowOf(m: number, w: number): { window: WindowDelta; features: WindowFeatureDelta[] } {
  const rand = generator(100_000 * (m + 1) + w);
  const start = T0 + w * MIN;
  const where = { modelId: modelId(m), modelVersion: '1', windowStart: start, windowEnd: start + MIN, baselineId: 'b1' };
  const events = Math.round(EVENTS * (0.8 + 0.4 * rand.uniform()));
  const features: WindowFeatureDelta[] = [];
  for (let f = 0; f < FEATURES; f++) {
    const missing = Math.round(events * 0.01 * 2 * rand.uniform());
    const shift = drifted(w) && f % 5 === 0 ? 0.5 : 0;
    if (f < NUMERIC) {
      const probs = (edges: readonly number[]) => [...edges, Infinity].map((z, k) => phi(z - shift) - (k === 0 ? 0 : phi(edges[k - 1] - shift)));
      const fine = counts(events - missing, probs(PERCENTILES), rand);
      const count = fine.reduce((s, c) => s + c, 0);
      // The coarse bins are unions of fine ones (every tenth percentile is a decile).
      const bins = Array.from({ length: 10 }, (_, k) => fine.slice(10 * k, 10 * k + 10).reduce((s, c) => s + c, 0));
      const mean = mu(f) + shift * sd(f);
      features.push({
        ...where,
        feature: `n${f}`,
        count,
        missing,
        typeErrors: 0,
        bins,
        fineBins: fine,
        categories: {},
        outOfRangeLow: 0,
        outOfRangeHigh: 0,
        min: mean - 3.2 * sd(f),
        max: mean + 3.2 * sd(f),
        sum: count * mean,
        sumSq: count * (mean * mean + sd(f) * sd(f)),
      });
    } else {
      const base = CATEGORIES.map((_, i) => (1 + (i - 3.5) * 0.08) / CATEGORIES.length);
      const p = shift ? base.map((q, i) => (i < 2 ? q * 2 : q * (1 - (base[0] + base[1]) / (1 - base[0] - base[1])))) : base;
      const c = counts(events - missing, p, rand);
      features.push({
        ...where,
        feature: `c${f}`,
        count: c.reduce((s, x) => s + x, 0),
        missing,
        typeErrors: 0,
        bins: [],
        fineBins: [],
        categories: Object.fromEntries(CATEGORIES.map((k, i) => [k, c[i]]).filter(([, x]) => (x as number) > 0)),
        outOfRangeLow: 0,
        outOfRangeHigh: 0,
        min: null,
        max: null,
        sum: 0,
        sumSq: 0,
      });
    }
  }
  const window: WindowDelta = { ...where, eventCount: events, lateCount: 0, firstEventTime: start, lastEventTime: start + MIN - 1, closedAt: start + MIN + 1000 };
  return { window, features };
}

function closeMessage(window: WindowDelta): WindowClosedMessage {
  const { modelId, modelVersion, windowStart, windowEnd, eventCount, lateCount } = window;
  return { schemaVersion: 1, modelId, modelVersion, windowStart, windowEnd, eventCount, lateCount, closedAt: windowEnd + 1000, reason: 'watermark' };
}

interface Summary {
  n: number;
  median: number;
  p99: number;
  worst: number;
  mean: number;
  total: number;
}


function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number) => sorted[Math.min(n - 1, Math.ceil(q * n) - 1)];
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const total = sorted.reduce((s, v) => s + v, 0);
  return { n, median, p99: at(0.99), worst: sorted[n - 1], mean: total / n, total };
}

/** Milliseconds spent in each wrapped async method, summed. */
class Timers {
  readonly totals = new Map<string, number[]>();
  wrap<T extends object>(target: T, method: keyof T & string, label: string): void {
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    const list: number[] = [];
    this.totals.set(label, list);
    (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        list.push(performance.now() - started);
      }
    };
  }
  reset(): void {
    for (const list of this.totals.values()) list.length = 0;
  }
  sum(label: string): number {
    return (this.totals.get(label) ?? []).reduce((s, v) => s + v, 0);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time of a V8 CPU profile by area and by function (the top ones). */
function profileSummary(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const area = (url: string, name: string): string => {
    if (name === '(idle)') return 'idle (waiting: the engine runs queries on its own threads, the broker)';
    if (name === '(garbage collector)') return 'garbage collection';
    if (name === '(program)') return 'V8/native (program)';
    if (/\/libs\/stats\//.test(url)) return 'libs/stats (distances, tests, null quantiles)';
    if (/\/libs\/evaluation\//.test(url)) return 'libs/evaluation (judging, findings)';
    if (/\/libs\/contracts\//.test(url)) return 'libs/contracts (encode/decode)';
    if (/\/libs\/store\/|@clickhouse|\/chdb\//.test(url)) return 'store client (JS side of queries and inserts)';
    if (/kafkajs|\/libs\/kafka\//.test(url)) return 'Kafka client';
    if (/\/apps\/evaluator\//.test(url)) return 'apps/evaluator';
    if (url.startsWith('node:') || url === '') return 'Node internals';
    return 'other';
  };
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*\/(libs|apps|node_modules)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((1000 * ms) / total) / 10 }));
  return { totalMs: Math.round(total), areas: top(byArea, 12), functions: top(byFunction, 15) };
}

let t: EvaluatorTestEnv;
let store: Store;
const closes = new Map<number, WindowDelta[]>();

beforeAll(async () => {
  t = await startEvaluatorEnv('evalbench', { silenceCheckMs: 0 }, {}, CONCURRENCY === undefined ? {} : { evaluationConcurrency: CONCURRENCY });
  store = t.app.get(STORE);
  const started = performance.now();
  for (let m = 0; m < MODELS; m++) await store.baselines.save(baseline(m));
  for (let w = 0; w <= WINDOWS; w++) {
    const windows: WindowDelta[] = [];
    const features: WindowFeatureDelta[] = [];
    for (let m = 0; m < MODELS; m++) {
      const one = windowOf(m, w);
      windows.push(one.window);
      features.push(...one.features);
    }
    await store.windows.insertDeltas({ windows, features }, `eval-bench-${w}`);
    closes.set(w, windows);
  }
  process.stdout.write(`stored ${MODELS} baselines and ${WINDOWS + 1} windows × ${MODELS} models × ${FEATURES} features in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}, 1_800_000);

afterAll(async () => {
  await t?.cleanup();
});

it(`evaluates ${MODELS} models × ${FEATURES} features per window`, async () => {
  const service = t.app.get(EvaluatorService);
  // The consumer's own pipeline and sink, timed where they are: the code path stays the real one.
  const consumer = service.consumer as unknown as { pipeline: EvaluationPipeline; sink: EvaluationSink };
  const timers = new Timers();
  timers.wrap(consumer.pipeline, 'evaluateClosed', 'evaluateClosed');
  timers.wrap(consumer.sink, 'deliver', 'sink');
  timers.wrap(store.windows, 'window', 'store: window');
  timers.wrap(store.windows, 'previousWindow', 'store: previousWindow');
  timers.wrap(store.windows, 'rollup', 'store: rollup');
  timers.wrap(store.windows, 'span', 'store: span');
  timers.wrap(store.baselines, 'get', 'store: baseline');

  const received = await t.tap(t.config.topics.evaluations);
  const perWindowStart = new Map<number, number>();
  let seen = 0;
  const evaluationsOf = (start: number) => {
    for (; seen < received.length; seen++) {
      const r = decodeEvaluation(received[seen].value as Buffer);
      if (r.ok && r.event.granularity === 'window') perWindowStart.set(r.event.windowStart, (perWindowStart.get(r.event.windowStart) ?? 0) + 1);
    }
    return perWindowStart.get(start) ?? 0;
  };

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');

  const rounds: { window: number; drifted: boolean; ms: number; cpuMs: number; judgeMs: number[]; storeMs: number; sinkMs: number; misses: number }[] = [];
  const cache = DEFAULT_CALIBRATION_CACHE;
  // A null quantile is drawn synchronously on a cache miss: its own time, each.
  const drawMs: number[] = [];
  const getOrCompute = cache.getOrCompute.bind(cache);
  cache.getOrCompute = (key, compute) =>
    getOrCompute(key, () => {
      const started = performance.now();
      try {
        return compute();
      } finally {
        drawMs.push(performance.now() - started);
      }
    });
  for (let w = 0; w <= WINDOWS; w++) {
    const messages = (closes.get(w) ?? []).map((win) => ({ key: win.modelId, value: encodeWindowClosed(closeMessage(win)) }));
    timers.reset();
    const misses = cache.misses;
    const cpu = process.cpuUsage();
    const sentAt = performance.now();
    await sendRecords(t.producer, t.config.topics.windows, messages);
    const start = T0 + w * MIN;
    const deadline = Date.now() + 600_000;
    while (evaluationsOf(start) < MODELS) {
      if (Date.now() > deadline) throw new Error(`window ${w}: only ${evaluationsOf(start)} of ${MODELS} evaluations after 600 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - sentAt;
    const used = process.cpuUsage(cpu);
    const storeMs = ['store: window', 'store: previousWindow', 'store: rollup', 'store: span', 'store: baseline'].reduce((s, l) => s + timers.sum(l), 0);
    rounds.push({
      window: w,
      drifted: drifted(w),
      ms,
      cpuMs: (used.user + used.system) / 1000,
      judgeMs: [...(timers.totals.get('evaluateClosed') ?? [])],
      storeMs,
      sinkMs: timers.sum('sink'),
      misses: cache.misses - misses,
    });
    const r = rounds[rounds.length - 1];
    process.stdout.write(
      `window ${String(w).padStart(3)}${w === 0 ? ' (cold)' : '       '}${r.drifted ? ' drifted' : ' clean  '}: ${ms.toFixed(0).padStart(6)} ms for ${MODELS} models, ` +
        `judging ${r.judgeMs.reduce((s, v) => s + v, 0).toFixed(0)} ms (store reads ${storeMs.toFixed(0)} ms), sink ${r.sinkMs.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms, null quantiles drawn ${r.misses}\n`,
    );
  }

  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (PROFILE) writeFileSync(PROFILE, JSON.stringify(profile));
  const where = profileSummary(profile as unknown as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] });

  const warm = rounds.slice(1);
  const perWindow = summarize(warm.map((r) => r.ms));
  const perWindowClean = summarize(warm.filter((r) => !r.drifted).map((r) => r.ms));
  const perWindowDrifted = warm.some((r) => r.drifted) ? summarize(warm.filter((r) => r.drifted).map((r) => r.ms)) : null;
  const perModel = summarize(warm.flatMap((r) => r.judgeMs));
  const judgeTotal = warm.reduce((s, r) => s + r.judgeMs.reduce((a, b) => a + b, 0), 0);
  const storeTotal = warm.reduce((s, r) => s + r.storeMs, 0);
  const sinkTotal = warm.reduce((s, r) => s + r.sinkMs, 0);
  const wallTotal = warm.reduce((s, r) => s + r.ms, 0);
  const cpuTotal = warm.reduce((s, r) => s + r.cpuMs, 0);
  const results = {
    models: MODELS,
    features: FEATURES,
    windows: WINDOWS,
    concurrency: CONCURRENCY ?? 'default',
    concurrencyNote: 'judging times are summed over model-windows judged at once, so they can exceed the wall time',
    cold: { ms: rounds[0].ms, misses: rounds[0].misses, judgeMs: rounds[0].judgeMs.reduce((a, b) => a + b, 0), storeMs: rounds[0].storeMs },
    perWindow,
    perWindowClean,
    perWindowDrifted,
    perModelWindow: perModel,
    // CPU of the whole process (engine threads included) per window: less sensitive than wall
    // time to other work on a shared machine.
    cpuPerWindow: summarize(warm.map((r) => r.cpuMs)),
    cpuPerCleanWindow: summarize(warm.filter((r) => !r.drifted).map((r) => r.cpuMs)),
    shares: {
      // Of the time model-windows spent being judged (summed): waiting on store reads, the rest.
      storeReadsOfJudging: storeTotal / judgeTotal,
      restOfJudging: (judgeTotal - storeTotal) / judgeTotal,
      // Of the wall time: storing and publishing the evaluations.
      sinkOfWall: sinkTotal / wallTotal,
    },
    cpuPerWall: cpuTotal / wallTotal,
    nullQuantilesWarm: warm.reduce((s, r) => s + r.misses, 0),
    nullQuantileDraws: drawMs.length > 0 ? { ...summarize(drawMs), perDriftedWindow: perWindowDrifted ? summarize(warm.filter((r) => r.drifted).map((r) => r.misses)).median : 0 } : null,
    profile: where,
  };
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  process.stdout.write(
    `\n${MODELS} models × ${FEATURES} features, ${WINDOWS} warm windows (one in four drifted):\n` +
      `  per window (close messages sent → ${MODELS} evaluations on Kafka): median ${perWindow.median.toFixed(0)} ms, p99 ${perWindow.p99.toFixed(0)} ms, worst ${perWindow.worst.toFixed(0)} ms` +
      ` (clean median ${perWindowClean.median.toFixed(0)} ms${perWindowDrifted ? `, drifted median ${perWindowDrifted.median.toFixed(0)} ms` : ''}); cold first window ${rounds[0].ms.toFixed(0)} ms (${rounds[0].misses} null quantiles drawn)\n` +
      `  per model-window (evaluateClosed): median ${perModel.median.toFixed(1)} ms, p99 ${perModel.p99.toFixed(1)} ms, worst ${perModel.worst.toFixed(1)} ms\n` +
      `  process CPU per window (engine threads included): median ${results.cpuPerWindow.median.toFixed(0)} ms, clean windows ${results.cpuPerCleanWindow.median.toFixed(0)} ms\n` +
      `  judging time (summed over model-windows): store reads ${pct(results.shares.storeReadsOfJudging)}, the rest ${pct(results.shares.restOfJudging)}; sink (drift_results + publish) ${pct(results.shares.sinkOfWall)} of the wall time; process CPU / wall ${results.cpuPerWall.toFixed(2)}\n` +
      (results.nullQuantileDraws
        ? `  null quantiles drawn (calibration cache misses): ${results.nullQuantileDraws.n}, median ${results.nullQuantileDraws.median.toFixed(1)} ms each, ${(results.nullQuantileDraws.total / 1000).toFixed(1)} s in all; a drifted window drew ${results.nullQuantileDraws.perDriftedWindow} (median)\n`
        : '') +
      `  main-thread profile (${where.totalMs} ms sampled), self time by area:\n` +
      where.areas.map((a) => `    ${String(a.share).padStart(5)} %  ${a.name}`).join('\n') +
      `\n  top functions:\n` +
      where.functions.slice(0, 10).map((f) => `    ${String(f.share).padStart(5)} %  ${f.name}`).join('\n') +
      '\n',
  );
  if (RESULTS) writeFileSync(RESULTS, JSON.stringify(results, null, 2));
}, 3_600_000);
