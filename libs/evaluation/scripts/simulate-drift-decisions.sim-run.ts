// False incidents and detection delays of the drift decision, run through the evaluator's own
// code: a baseline built by libs/stats buildBaseline from 10,000 training rows, windows binned by
// libs/ingest FeatureAccumulator as the ingester bins them, judged by evaluateWindow with
// DEFAULT_POLICY, minute windows and (with the rollup on, as by default) hourly rollup buckets
// summed from them as the store sums them. Prints the tables of libs/evaluation README "Drift
// decisions: false alarms and detection delay".
//
//   npm run sim:drift   (~8 minutes of CPU: 30 days at 100 ev/min, 10 days at 1,000 and 10,000)
//   = cd libs/evaluation && npx vitest run --config vitest.sim.config.mts scripts/simulate-drift-decisions.sim-run.ts
//
//   Environment (whole numbers; "_" allowed as a separator):
//   SIM_RATES              events per minute to simulate, comma-separated (default 100,1000,10000)
//   SIM_CLEAN_MINUTES      clean minutes simulated at every rate (43,200: 30 days)
//   SIM_CLEAN_MINUTES_<r>  the same for rate r only (unset: 43,200 per event, 14,400 (10 days) pooled)
//   SIM_POOL_FROM          rates from this one on take their clean windows from the pool (default 1000)
//   SIM_POOL_EVENTS        events in the pool (default 10,000,000), SIM_CHUNK events per chunk (100)
//   SIM_VALIDATE_MINUTES   > 0: first compare the pool with per-event windows at 1,000 ev/min over
//                          this many minutes (default 0: no validation; 3,000 takes ~5 min of CPU)
//   SIM_RUNS               detection runs per case and rate (default 3; 0: no detection table)
//   SIM_MAX_MINUTES        the longest a detection run waits (default 180)
//   The month at every rate (README), one process per rate (each builds its own pool):
//   for r in 100 1000 10000; do SIM_CLEAN_MINUTES=43200 SIM_RATES=$r npm run sim:drift > month-$r.log & done
//
// 20 features: 4 normal, 3 lognormal (σ 1), 3 integers (uniform 0–19), 3 uniform, 3 of 3
// categories, 2 of 10 (shares ∝ 1/i) and 2 of 100 (uniform). Every minute window holds exactly
// `rate` events. A false incident: an incident opened on a clean stream, incidents kept as the
// alerter keeps them (opened after alerting.openAfter windows with a finding, resolved after
// resolveAfter windows without), windows and rollup buckets counted apart and added. A stream
// shorter than 30 days is extrapolated linearly to 30 days (incidents × 43,200 / minutes), with
// the 95 % upper bound of a Poisson count beside it. Delays: the change from the start of an
// hour on (so the first rollup bucket is wholly changed); the delay is the end of the first window or bucket with a finding
// on the changed feature (data_drift, new_category …), in minutes after the change; always from
// events generated one by one.
//
// Why a pool. Binning is the cost: FeatureAccumulator.add takes ~8 µs of CPU per event of 20
// features (~130,000 events/s once the script stopped building an object and strings per event,
// from ~90,000: 1.4×, the rest is the production binning, which this script must not bypass).
// A month at 10,000 ev/min is 432 M events: ~1 hour of CPU for the binning alone. So clean
// windows at 1,000 ev/min and above are sums of chunks: POOL_EVENTS events generated once
// (seeded) and binned by FeatureAccumulator in chunks of CHUNK events; a window of r events is
// the sum (sumHistograms, the same summing as the hourly rollup) of r / CHUNK chunks drawn at
// random with replacement. The 100 ev/min month stays per event (one chunk would be one window).
//
// What the pool changes. Given the pool, windows are independent draws of the sum of r / CHUNK
// chunks from the pool's empirical distribution, the true one being the same sum from the chunk
// distribution (chunks of disjoint events are independent and counts add exactly). The errors:
// - the pool's mean: every simulated window shares the pool's sampling offset from the true
//   shares, of variance 1/P per share (P = POOL_EVENTS). The decision already allows for such a
//   fixed offset, the baseline's own (variance 1/N, N = 10,000 rows): the pool adds N/P = 0.1 %
//   to it, as if the baseline had 9,990 rows. Against a window's own noise the offset is
//   sqrt(n/P): 1 % at 1,000 ev/min, 3 % at 10,000, 8 % / 24 % for their hourly buckets; against
//   the decision's noise (1/N + 1/n) at most 3 %;
// - the chunk distribution's spread: a window's variance is r / CHUNK times the pool's chunk
//   variance, known to ~sqrt(2/K) = 0.45 % (K = P / CHUNK chunks);
// - its far tail: nothing rarer than about one chunk in K (1e-5) is in the pool. The calibrated
//   false-alarm level is ~5.8e-7 per feature and window, so a false alarm made by one extreme
//   chunk is not represented (one made by moderate deviations of many chunks is). Wasserstein's
//   noise test closes the outer bins at the baseline's range, which bounds what one extreme value
//   can add, and the per-event month at 100 ev/min, where one window is one chunk, is the check
//   of that single-chunk tail.
// The validation (SIM_VALIDATE_MINUTES) compares both at 1,000 ev/min under a loose policy
// (α = 0.05): the findings per window of each kind and feature family agree within sampling error.
import type { Baseline, FeatureHistogram, InferenceEvent, WindowAggregate } from '@driftwatch/contracts';
import { compileBaseline, FeatureAccumulator, type CompiledBaseline } from '@driftwatch/ingest';
import { buildBaseline, columnsFromRecords, seededRandom, type SeededRandom } from '@driftwatch/stats';
import { it } from 'vitest';
import { evaluateWindow } from '../src/evaluate/evaluate-window';
import { DEFAULT_POLICY } from '../src/policy/default-policy';
import type { Policy } from '../src/policy/policy.types';

const MINUTE = 60_000;
const MONTH_MINUTES = 43_200;
/** A count from the environment: digits with optional "_" or "," separators; the default when unset. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}
const RATES = (process.env.SIM_RATES ?? '100,1000,10000').split(/[\s,]+/).filter(Boolean).map((x) => {
  const n = Number(x.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`SIM_RATES must list events per minute (e.g. "100,1000,10000"), got "${process.env.SIM_RATES}"`);
  return n;
});
const RUNS = envCount('SIM_RUNS', 3);
const MAX_MINUTES = envCount('SIM_MAX_MINUTES', 180);
const CHUNK = envCount('SIM_CHUNK', 100);
const POOL_EVENTS = envCount('SIM_POOL_EVENTS', 10_000_000);
const POOL_FROM = envCount('SIM_POOL_FROM', 1000);
// Evaluating is the cost of a pooled month (~7 ms of CPU per window): by default the pooled
// rates run 10 days so that `npm run sim:drift` stays near a quarter of an hour on one core.
const ALL_MINUTES = process.env.SIM_CLEAN_MINUTES ? envCount('SIM_CLEAN_MINUTES', MONTH_MINUTES) : null;
const CLEAN_MINUTES: Record<number, number> = Object.fromEntries(
  RATES.map((r) => [r, envCount(`SIM_CLEAN_MINUTES_${r}`, ALL_MINUTES ?? (r >= POOL_FROM ? 14_400 : MONTH_MINUTES))]),
);
const VALIDATE_MINUTES = envCount('SIM_VALIDATE_MINUTES', 0);

type Value = number | string;
type Change = { kind: 'shift'; std: number } | { kind: 'newCategory'; share: number } | null;
interface Feature {
  name: string;
  draw: (r: SeededRandom, change: Change) => Value;
}

const C3 = [0.5, 0.3, 0.2];
const C10 = (() => {
  const w = Array.from({ length: 10 }, (_, i) => 1 / (i + 1));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
})();
// Category names made once: a name built per value (`c${i}`) costs an allocation and a hash each time.
const NAMES = Array.from({ length: 100 }, (_, i) => `c${i}`);
const pick = (r: SeededRandom, shares: readonly number[]): string => {
  let u = r.uniform();
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i];
    if (u < 0) return NAMES[i];
  }
  return NAMES[shares.length - 1];
};

const FEATURES: Feature[] = [
  ...[0, 1, 2, 3].map((i) => ({
    name: `normal_${i}`,
    draw: (r: SeededRandom, c: Change) => r.normal() + (i === 0 && c?.kind === 'shift' ? c.std : 0),
  })),
  ...[0, 1, 2].map((i) => ({ name: `lognormal_${i}`, draw: (r: SeededRandom) => Math.exp(r.normal()) })),
  ...[0, 1, 2].map((i) => ({ name: `integer_${i}`, draw: (r: SeededRandom) => Math.floor(r.uniform() * 20) })),
  ...[0, 1, 2].map((i) => ({ name: `uniform_${i}`, draw: (r: SeededRandom) => r.uniform() })),
  ...[0, 1, 2].map((i) => ({ name: `cat3_${i}`, draw: (r: SeededRandom) => pick(r, C3) })),
  ...[0, 1].map((i) => ({
    name: `cat10_${i}`,
    draw: (r: SeededRandom, c: Change) => (i === 0 && c?.kind === 'newCategory' && r.uniform() < c.share ? 'unseen' : pick(r, C10)),
  })),
  ...[0, 1].map((i) => ({ name: `cat100_${i}`, draw: (r: SeededRandom) => NAMES[Math.floor(r.uniform() * 100)] })),
];

function buildSimBaseline(): Baseline {
  const r = seededRandom(20_261_203);
  const records = Array.from({ length: 10_000 }, () => Object.fromEntries(FEATURES.map((f) => [f.name, f.draw(r, null)])));
  const { columns, kinds } = columnsFromRecords(records);
  const built = buildBaseline(columns, { kinds });
  return { modelId: 'sim', modelVersion: '1', baselineId: 'sim-baseline', createdAt: 0, rowCount: built.rowCount, source: 'simulation', features: built.features } as Baseline;
}

/**
 * The histograms of `events` generated events binned by FeatureAccumulator. One event object is
 * refilled for every event (the accumulator keeps no reference to it): the per-event objects
 * the script used to build cost a third of the time, the accumulator's own binning the rest.
 */
function binnedEvents(baseline: CompiledBaseline, r: SeededRandom, events: number, start: number, change: Change): FeatureHistogram[] {
  const acc = new FeatureAccumulator(baseline);
  const features: Record<string, Value> = {};
  for (const f of FEATURES) features[f.name] = 0;
  const event = { modelId: 'sim', modelVersion: '1', eventId: '0', timestamp: start, features } as unknown as InferenceEvent;
  for (let e = 0; e < events; e++) {
    for (let k = 0; k < FEATURES.length; k++) features[FEATURES[k].name] = FEATURES[k].draw(r, change);
    acc.add(event);
  }
  const key = { modelId: 'sim', modelVersion: '1', start, end: start + MINUTE } as Parameters<FeatureAccumulator['toDeltas']>[0];
  return acc.toDeltas(key).features.map(
    (d): FeatureHistogram => ({
      feature: d.feature,
      baselineId: d.baselineId,
      count: d.count,
      missing: d.missing,
      typeErrors: d.typeErrors,
      bins: [...d.bins],
      fineBins: [...(d.fineBins ?? [])],
      categories: { ...d.categories },
      outOfRangeLow: d.outOfRangeLow,
      outOfRangeHigh: d.outOfRangeHigh,
      min: d.min,
      max: d.max,
      sum: d.sum,
      sumSq: d.sumSq,
    }),
  );
}

function aggregate(start: number, end: number, events: number, windows: number, features: FeatureHistogram[]): WindowAggregate {
  return { modelId: 'sim', modelVersion: '1', windowStart: start, windowEnd: end, eventCount: events, lateCount: 0, firstEventTime: start, lastEventTime: end - 1, closedAt: end, deltas: windows, windowCount: windows, features };
}

/**
 * The sum of histograms of the same features (in the same order), as the store sums the deltas
 * of a window and the windows of a rollup bucket: counts, bins and categories added, min of the
 * minima, max of the maxima. The one summing of the script: hourly rollups and pooled windows.
 */
function sumHistograms(parts: readonly (readonly FeatureHistogram[])[]): FeatureHistogram[] {
  return parts[0].map((f0, k) => {
    const bins = new Array<number>(f0.bins.length).fill(0);
    const fineBins = new Array<number>(f0.fineBins.length).fill(0);
    const categories: Record<string, number> = {};
    let count = 0, missing = 0, typeErrors = 0, low = 0, high = 0, sum = 0, sumSq = 0;
    let min: number | null = null;
    let max: number | null = null;
    for (const part of parts) {
      const f = part[k];
      if (f.feature !== f0.feature) throw new Error(`sumHistograms: feature ${k} is ${f.feature} in one part, ${f0.feature} in another`);
      count += f.count;
      missing += f.missing;
      typeErrors += f.typeErrors;
      low += f.outOfRangeLow;
      high += f.outOfRangeHigh;
      sum += f.sum;
      sumSq += f.sumSq;
      if (f.min !== null && (min === null || f.min < min)) min = f.min;
      if (f.max !== null && (max === null || f.max > max)) max = f.max;
      for (let i = 0; i < bins.length; i++) bins[i] += f.bins[i];
      for (let i = 0; i < fineBins.length; i++) fineBins[i] += f.fineBins[i];
      for (const c in f.categories) categories[c] = (categories[c] ?? 0) + f.categories[c];
    }
    return { ...f0, count, missing, typeErrors, bins, fineBins, categories, outOfRangeLow: low, outOfRangeHigh: high, min, max, sum, sumSq };
  });
}

/** A minute window of `rate` events generated one by one. */
function eventWindow(baseline: CompiledBaseline, r: SeededRandom, rate: number, start: number, change: Change): WindowAggregate {
  return aggregate(start, start + MINUTE, rate, 1, binnedEvents(baseline, r, rate, start, change));
}

/** Sums minute windows into an hourly bucket. */
function rollup(windows: readonly WindowAggregate[]): WindowAggregate {
  const events = windows.reduce((s, w) => s + w.eventCount, 0);
  return aggregate(windows[0].windowStart, windows[windows.length - 1].windowEnd, events, windows.length, sumHistograms(windows.map((w) => w.features)));
}

/**
 * Histograms of CHUNK events each, binned by FeatureAccumulator from one seeded stream, kept
 * packed (counts as bytes or 16-bit integers, min/max/sum/sumSq as doubles) so ten million
 * events take a few hundred MB. `chunk(j)` unpacks one as the accumulator gave it.
 */
class ChunkPool {
  readonly size: number;
  private readonly counts: Uint8Array | Uint16Array;
  private readonly floats: Float64Array;
  private readonly countWidth: number;
  private readonly layout: { feature: string; baselineId: string; bins: number; fine: number; categories: readonly string[] }[];

  constructor(baseline: CompiledBaseline, readonly chunkEvents: number, chunks: number, seed: number) {
    if (!(Number.isInteger(chunkEvents) && chunkEvents >= 1 && chunkEvents <= 65_535)) throw new RangeError(`SIM_CHUNK must be an integer in 1…65535, got ${chunkEvents}`);
    const r = seededRandom(seed);
    const first = binnedEvents(baseline, r, chunkEvents, 0, null);
    // Categories of the clean stream: the generator's names, in a fixed order per feature.
    this.layout = first.map((f) => ({
      feature: f.feature,
      baselineId: f.baselineId,
      bins: f.bins.length,
      fine: f.fineBins.length,
      categories: f.bins.length > 0 ? [] : NAMES.slice(0, f.feature.startsWith('cat3') ? 3 : f.feature.startsWith('cat10_') ? 10 : 100),
    }));
    this.countWidth = this.layout.reduce((s, l) => s + 5 + l.bins + l.fine + l.categories.length, 0);
    this.size = chunks;
    this.counts = chunkEvents <= 255 ? new Uint8Array(chunks * this.countWidth) : new Uint16Array(chunks * this.countWidth);
    this.floats = new Float64Array(chunks * this.layout.length * 4);
    this.pack(0, first);
    for (let j = 1; j < chunks; j++) this.pack(j, binnedEvents(baseline, r, chunkEvents, 0, null));
  }

  private pack(j: number, features: readonly FeatureHistogram[]): void {
    let c = j * this.countWidth;
    let x = j * this.layout.length * 4;
    features.forEach((f, k) => {
      const l = this.layout[k];
      for (const v of [f.count, f.missing, f.typeErrors, f.outOfRangeLow, f.outOfRangeHigh]) this.counts[c++] = v;
      for (const v of f.bins) this.counts[c++] = v;
      for (const v of f.fineBins) this.counts[c++] = v;
      let seen = 0;
      for (const name of l.categories) {
        const v = f.categories[name] ?? 0;
        seen += v;
        this.counts[c++] = v;
      }
      if (l.categories.length > 0 && seen !== f.count) throw new Error(`ChunkPool: ${f.feature} has categories outside the generator's names`);
      this.floats[x++] = f.min ?? NaN;
      this.floats[x++] = f.max ?? NaN;
      this.floats[x++] = f.sum;
      this.floats[x++] = f.sumSq;
    });
  }

  chunk(j: number): FeatureHistogram[] {
    let c = j * this.countWidth;
    let x = j * this.layout.length * 4;
    return this.layout.map((l): FeatureHistogram => {
      const [count, missing, typeErrors, outOfRangeLow, outOfRangeHigh] = this.counts.subarray(c, (c += 5));
      // Views, not copies: sumHistograms only reads them.
      const bins = this.counts.subarray(c, (c += l.bins)) as unknown as number[];
      const fineBins = this.counts.subarray(c, (c += l.fine)) as unknown as number[];
      const categories: Record<string, number> = {};
      for (const name of l.categories) {
        const v = this.counts[c++];
        if (v > 0) categories[name] = v;
      }
      const [min, max, sum, sumSq] = this.floats.subarray(x, (x += 4));
      return { feature: l.feature, baselineId: l.baselineId, count, missing, typeErrors, bins, fineBins, categories, outOfRangeLow, outOfRangeHigh, min: Number.isNaN(min) ? null : min, max: Number.isNaN(max) ? null : max, sum, sumSq };
    });
  }

  /** A minute window of `rate` events: the sum of rate / CHUNK chunks drawn with replacement. */
  window(r: SeededRandom, rate: number, start: number): WindowAggregate {
    if (rate % this.chunkEvents !== 0) throw new RangeError(`rate ${rate} is not a multiple of SIM_CHUNK ${this.chunkEvents}`);
    const parts = Array.from({ length: rate / this.chunkEvents }, () => this.chunk(Math.floor(r.uniform() * this.size)));
    return aggregate(start, start + MINUTE, rate, 1, sumHistograms(parts));
  }
}

/** Incident state as the alerter keeps it for one stream of evaluations (openAfter / resolveAfter). */
class Incidents {
  opened = 0;
  constructor(private readonly policy: Policy) {}
  private open = false;
  private bad = 0;
  private good = 0;
  see(hasFinding: boolean): void {
    const { openAfter, resolveAfter } = this.policy.alerting;
    if (hasFinding) {
      this.good = 0;
      this.bad++;
      if (!this.open && this.bad >= openAfter) {
        this.open = true;
        this.opened++;
      }
    } else {
      this.bad = 0;
      this.good++;
      if (this.open && this.good >= resolveAfter) this.open = false;
    }
  }
}

interface Stream {
  windows: Incidents;
  rollups: Incidents;
  /** Findings by "window|rollup kind feature". */
  findings: Map<string, number>;
  /** Per-window counts of findings by "kind family" (validation: their mean and variance). */
  perWindow: Map<string, { n: number; n2: number }>;
  minutes: number;
}

type WindowSource = (m: number) => WindowAggregate;

function runClean(baseline: Baseline, minutes: number, source: WindowSource, policy: Policy = DEFAULT_POLICY): Stream {
  const s: Stream = { windows: new Incidents(policy), rollups: new Incidents(policy), findings: new Map(), perWindow: new Map(), minutes };
  let hour: WindowAggregate[] = [];
  const note = (kinds: string[]) => kinds.forEach((k) => s.findings.set(k, (s.findings.get(k) ?? 0) + 1));
  for (let m = 0; m < minutes; m++) {
    const w = source(m);
    const ev = evaluateWindow({ baseline, window: w, policy, now: 0 });
    s.windows.see(ev.findings.length > 0);
    note(ev.findings.map((f) => `window ${f.kind} ${f.feature ?? ''}`));
    const families = new Map<string, number>();
    for (const f of ev.findings) {
      const key = `${f.kind} ${(f.feature ?? '').replace(/_\d+$/, '')}`.trim();
      families.set(key, (families.get(key) ?? 0) + 1);
    }
    for (const [k, n] of families) {
      const t = s.perWindow.get(k) ?? { n: 0, n2: 0 };
      t.n += n;
      t.n2 += n * n;
      s.perWindow.set(k, t);
    }
    hour.push(w);
    if (hour.length === 60) {
      if (policy.rollup.enabled) {
        const rv = evaluateWindow({ baseline, window: rollup(hour), policy, now: 0, granularity: 'rollup' });
        s.rollups.see(rv.findings.length > 0);
        note(rv.findings.map((f) => `rollup ${f.kind} ${f.feature ?? ''}`));
      }
      hour = [];
    }
  }
  return s;
}

/** Minutes from the change to the end of the first window or bucket with a finding on `feature`; null: not within MAX_MINUTES. */
function delay(baseline: Baseline, compiled: CompiledBaseline, rate: number, change: Change, feature: string, seed: number): number | null {
  const r = seededRandom(seed);
  let hour: WindowAggregate[] = [];
  const about = (fs: { feature: string | null; details?: unknown; kind: string }[]) =>
    fs.some((f) => f.feature === feature || (f.kind === 'dataset_drift' && JSON.stringify(f.details ?? {}).includes(feature)));
  for (let m = 0; m < MAX_MINUTES; m++) {
    const w = eventWindow(compiled, r, rate, m * MINUTE, change);
    const ev = evaluateWindow({ baseline, window: w, policy: DEFAULT_POLICY, now: 0 });
    if (about(ev.findings)) return m + 1;
    hour.push(w);
    if (hour.length === 60) {
      const rv = DEFAULT_POLICY.rollup.enabled ? evaluateWindow({ baseline, window: rollup(hour), policy: DEFAULT_POLICY, now: 0, granularity: 'rollup' }) : null;
      if (rv && about(rv.findings)) return m + 1;
      hour = [];
    }
  }
  return null;
}

/** Upper 95 % bound of a Poisson mean after observing k (chi-square quantile via Wilson–Hilferty). */
function poissonUpper95(k: number): number {
  const dof = 2 * (k + 1);
  const z = 1.6449;
  return (dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3) / 2;
}

const cpuSeconds = () => process.cpuUsage().user / 1e6;

/**
 * Validation of the pool at 1,000 ev/min: the same number of minutes from events generated one
 * by one and from the pool, judged by a policy loose enough to give findings in many windows
 * (target 86,400 false incidents a month: α = 0.05 per feature and window, the highest perFeatureAlpha gives for 20 features; thresholds 0.01):
 * the findings per window of each kind and feature family, per method, and their difference in
 * standard errors (windows are independent; a feature family's findings in one window are not).
 */
function validate(baseline: Baseline, compiled: CompiledBaseline, pool: ChunkPool, minutes: number): string[] {
  const loose = structuredClone(DEFAULT_POLICY) as Policy;
  loose.drift.falseAlarmRate = 86_400;
  loose.drift.numeric = { method: 'wasserstein', threshold: 0.01, critical: null };
  loose.drift.categorical = { method: 'jensenShannon', threshold: 0.01, critical: null };
  const rate = 1000;
  const re = seededRandom(91);
  const rp = seededRandom(92);
  const perEvent = runClean(baseline, minutes, (m) => eventWindow(compiled, re, rate, m * MINUTE, null), loose);
  const pooled = runClean(baseline, minutes, (m) => pool.window(rp, rate, m * MINUTE), loose);
  const lines = ['', `Validation of the pool: ${minutes} minutes at ${rate} ev/min, loose policy (falseAlarmRate 86,400: α 0.05; thresholds 0.01); findings per window`, ''];
  lines.push('| finding | per event | pool | difference / its standard error |', '| --- | ---: | ---: | ---: |');
  const keys = [...new Set([...perEvent.perWindow.keys(), ...pooled.perWindow.keys()])].sort();
  const stat = (s: Stream, k: string) => {
    const t = s.perWindow.get(k) ?? { n: 0, n2: 0 };
    const mean = t.n / s.minutes;
    return { mean, var: Math.max(0, t.n2 / s.minutes - mean * mean) / s.minutes };
  };
  for (const k of keys) {
    const a = stat(perEvent, k);
    const b = stat(pooled, k);
    const se = Math.sqrt(a.var + b.var);
    lines.push(`| ${k} | ${a.mean.toFixed(4)} | ${b.mean.toFixed(4)} | ${se > 0 ? ((b.mean - a.mean) / se).toFixed(2) : '–'} |`);
  }
  const inc = (s: Stream) => `${s.windows.opened} + ${s.rollups.opened}`;
  lines.push('', `(incidents, windows + rollups: per event ${inc(perEvent)}, pool ${inc(pooled)})`);
  return lines;
}

it('drift decisions: false incidents and detection delays', () => {
  const baseline = buildSimBaseline();
  const compiled = compileBaseline(baseline);
  const lines: string[] = [];
  const t0 = Date.now();
  const c0 = cpuSeconds();
  let pool: ChunkPool | null = null;
  const getPool = () => {
    if (pool) return pool;
    const t = cpuSeconds();
    pool = new ChunkPool(compiled, CHUNK, Math.ceil(POOL_EVENTS / CHUNK), 4242);
    lines.push(`(pool: ${pool.size} chunks of ${CHUNK} events, ${(cpuSeconds() - t).toFixed(0)} s CPU)`);
    return pool;
  };
  if (VALIDATE_MINUTES > 0) lines.push(...validate(baseline, compiled, getPool(), VALIDATE_MINUTES));
  if (RATES.some((r) => r >= POOL_FROM && CLEAN_MINUTES[r] > 0)) getPool();
  lines.push('', 'False incidents per model-month on clean streams (20 features, 1-minute windows, DEFAULT_POLICY)', '');
  lines.push('| events/min | windows from | minutes simulated | window incidents | rollup incidents | per 30 days | 95 % upper bound per 30 days | most frequent findings |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const rate of RATES) {
    const minutes = CLEAN_MINUTES[rate];
    if (!(minutes > 0)) continue;
    const pooled = rate >= POOL_FROM;
    const r = seededRandom(1000 + rate);
    const source: WindowSource = pooled ? (m) => getPool().window(r, rate, m * MINUTE) : (m) => eventWindow(compiled, r, rate, m * MINUTE, null);
    const t = cpuSeconds();
    const s = runClean(baseline, minutes, source);
    const total = s.windows.opened + s.rollups.opened;
    const scale = MONTH_MINUTES / minutes;
    const top = [...s.findings.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k.trim()} ×${n}`).join('; ');
    const from = pooled ? `pool (${rate / CHUNK} chunks)` : 'events';
    lines.push(`| ${rate} | ${from} | ${minutes} | ${s.windows.opened} | ${s.rollups.opened} | ${(total * scale).toFixed(1)} | ${(poissonUpper95(total) * scale).toFixed(1)} | ${top || '–'} |`);
    console.log(`rate ${rate}: ${minutes} minutes, ${(cpuSeconds() - t).toFixed(0)} s CPU`);
  }
  if (RUNS > 0) {
    lines.push('', `Minutes to detect (median of ${RUNS} runs, events generated one by one; "> ${MAX_MINUTES}" = not within ${MAX_MINUTES} minutes)`, '');
    lines.push('| change | ' + RATES.map((r) => `${r} ev/min`).join(' | ') + ' |');
    lines.push('| --- | ' + RATES.map(() => '---:').join(' | ') + ' |');
    const cases: { label: string; change: Change; feature: string }[] = [
      { label: 'mean shift 0.1 std (normal_0)', change: { kind: 'shift', std: 0.1 }, feature: 'normal_0' },
      { label: 'mean shift 0.25 std (normal_0)', change: { kind: 'shift', std: 0.25 }, feature: 'normal_0' },
      { label: 'mean shift 0.5 std (normal_0)', change: { kind: 'shift', std: 0.5 }, feature: 'normal_0' },
      { label: '5 % new category (cat10_0)', change: { kind: 'newCategory', share: 0.05 }, feature: 'cat10_0' },
    ];
    for (const c of cases) {
      const cells = RATES.map((rate) => {
        const ds = Array.from({ length: RUNS }, (_, k) => delay(baseline, compiled, rate, c.change, c.feature, 7 + 31 * k + rate)).map((d) => d ?? Infinity);
        ds.sort((a, b) => a - b);
        const med = ds[Math.floor(ds.length / 2)];
        const runs = ds.map((d) => (Number.isFinite(d) ? String(d) : `>${MAX_MINUTES}`)).join(', ');
        return `${Number.isFinite(med) ? String(med) : `> ${MAX_MINUTES}`} (${runs})`;
      });
      lines.push(`| ${c.label} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', `(${((Date.now() - t0) / 1000).toFixed(0)} s, ${(cpuSeconds() - c0).toFixed(0)} s CPU)`);
  console.log(lines.join('\n'));
});
