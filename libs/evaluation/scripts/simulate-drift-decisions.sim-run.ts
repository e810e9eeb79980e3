// False incidents and detection delays of the drift decision, run through the evaluator's own
// code: a baseline built by libs/stats buildBaseline from 10,000 training rows, windows binned by
// libs/ingest FeatureAccumulator as the ingester bins them, judged by evaluateWindow with
// DEFAULT_POLICY, minute windows and (with the rollup on, as by default) hourly rollup buckets
// summed from them as the store sums them. Prints the tables of libs/evaluation README "Drift
// decisions: false alarms and detection delay".
//
//   npm run sim:drift
//   (= cd libs/evaluation && npx vitest run --config vitest.sim.config.mts scripts/simulate-drift-decisions.sim-run.ts;
//    env SIM_CLEAN_MINUTES_100 (default 43,200: a whole month), SIM_CLEAN_MINUTES_1000 (4,320: 3 days),
//    SIM_CLEAN_MINUTES_10000 (480: 8 hours; about 10 minutes in all on one core), SIM_RUNS (delay runs per case, default 3), SIM_MAX_MINUTES (180))
//
// 20 features: 4 normal, 3 lognormal (σ 1), 3 integers (uniform 0–19), 3 uniform, 3 of 3
// categories, 2 of 10 (shares ∝ 1/i) and 2 of 100 (uniform). Every minute window holds exactly
// `rate` events. A false incident: an incident opened on a clean stream, incidents kept as the
// alerter keeps them (opened after alerting.openAfter windows with a finding, resolved after
// resolveAfter windows without), windows and rollup buckets counted apart and added. A stream
// shorter than 30 days is extrapolated linearly to 30 days (incidents × 43,200 / minutes), with
// the 95 % upper bound of a Poisson count beside it. Delays: the change from the start of an
// hour on (so the first rollup bucket is wholly changed); the delay is the end of the first window or bucket with a finding
// on the changed feature (data_drift, new_category …), in minutes after the change.
import type { Baseline, FeatureHistogram, InferenceEvent, WindowAggregate } from '@driftwatch/contracts';
import { compileBaseline, FeatureAccumulator } from '@driftwatch/ingest';
import { buildBaseline, columnsFromRecords, seededRandom, type SeededRandom } from '@driftwatch/stats';
import { it } from 'vitest';
import { evaluateWindow } from '../src/evaluate/evaluate-window';
import { DEFAULT_POLICY } from '../src/policy/default-policy';

const MINUTE = 60_000;
const MONTH_MINUTES = 43_200;
const RATES = [100, 1000, 10_000] as const;
const CLEAN_MINUTES: Record<number, number> = {
  100: Number(process.env.SIM_CLEAN_MINUTES_100 ?? MONTH_MINUTES),
  1000: Number(process.env.SIM_CLEAN_MINUTES_1000 ?? 4320),
  10000: Number(process.env.SIM_CLEAN_MINUTES_10000 ?? 480),
};
const RUNS = Number(process.env.SIM_RUNS ?? 3);
const MAX_MINUTES = Number(process.env.SIM_MAX_MINUTES ?? 180);

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
const pick = (r: SeededRandom, shares: readonly number[], prefix: string): string => {
  let u = r.uniform();
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i];
    if (u < 0) return `${prefix}${i}`;
  }
  return `${prefix}${shares.length - 1}`;
};

const FEATURES: Feature[] = [
  ...[0, 1, 2, 3].map((i) => ({
    name: `normal_${i}`,
    draw: (r: SeededRandom, c: Change) => r.normal() + (i === 0 && c?.kind === 'shift' ? c.std : 0),
  })),
  ...[0, 1, 2].map((i) => ({ name: `lognormal_${i}`, draw: (r: SeededRandom) => Math.exp(r.normal()) })),
  ...[0, 1, 2].map((i) => ({ name: `integer_${i}`, draw: (r: SeededRandom) => Math.floor(r.uniform() * 20) })),
  ...[0, 1, 2].map((i) => ({ name: `uniform_${i}`, draw: (r: SeededRandom) => r.uniform() })),
  ...[0, 1, 2].map((i) => ({ name: `cat3_${i}`, draw: (r: SeededRandom) => pick(r, C3, 'c') })),
  ...[0, 1].map((i) => ({
    name: `cat10_${i}`,
    draw: (r: SeededRandom, c: Change) => (i === 0 && c?.kind === 'newCategory' && r.uniform() < c.share ? 'unseen' : pick(r, C10, 'c')),
  })),
  ...[0, 1].map((i) => ({ name: `cat100_${i}`, draw: (r: SeededRandom) => `c${Math.floor(r.uniform() * 100)}` })),
];

function buildSimBaseline(): Baseline {
  const r = seededRandom(20_261_203);
  const records = Array.from({ length: 10_000 }, () => Object.fromEntries(FEATURES.map((f) => [f.name, f.draw(r, null)])));
  const { columns, kinds } = columnsFromRecords(records);
  const built = buildBaseline(columns, { kinds });
  return { modelId: 'sim', modelVersion: '1', baselineId: 'sim-baseline', createdAt: 0, rowCount: built.rowCount, source: 'simulation', features: built.features } as Baseline;
}

function windowOf(baseline: ReturnType<typeof compileBaseline>, r: SeededRandom, rate: number, start: number, change: Change): WindowAggregate {
  const acc = new FeatureAccumulator(baseline);
  for (let e = 0; e < rate; e++) {
    const features: Record<string, Value> = {};
    for (const f of FEATURES) features[f.name] = f.draw(r, change);
    acc.add({ modelId: 'sim', modelVersion: '1', eventId: String(e), timestamp: start + e, features } as unknown as InferenceEvent);
  }
  const key = { modelId: 'sim', modelVersion: '1', start, end: start + MINUTE } as Parameters<FeatureAccumulator['toDeltas']>[0];
  const features = acc.toDeltas(key).features.map(
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
  return aggregate(start, start + MINUTE, rate, 1, features);
}

function aggregate(start: number, end: number, events: number, windows: number, features: FeatureHistogram[]): WindowAggregate {
  return { modelId: 'sim', modelVersion: '1', windowStart: start, windowEnd: end, eventCount: events, lateCount: 0, firstEventTime: start, lastEventTime: end - 1, closedAt: end, deltas: windows, windowCount: windows, features };
}

/** Sums minute windows into an hourly bucket, as the store's rollup sums their counts. */
function rollup(windows: readonly WindowAggregate[]): WindowAggregate {
  const first = windows[0];
  const features = first.features.map((f0, k) => {
    const all = windows.map((w) => w.features[k]);
    const add = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x + b[i]);
    const categories: Record<string, number> = {};
    for (const f of all) for (const [c, n] of Object.entries(f.categories)) categories[c] = (categories[c] ?? 0) + n;
    const finite = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    const mins = finite(all.map((f) => f.min));
    const maxs = finite(all.map((f) => f.max));
    return {
      ...f0,
      count: all.reduce((s, f) => s + f.count, 0),
      missing: all.reduce((s, f) => s + f.missing, 0),
      typeErrors: all.reduce((s, f) => s + f.typeErrors, 0),
      bins: all.slice(1).reduce((a, f) => add(a, f.bins), f0.bins),
      fineBins: all.slice(1).reduce((a, f) => add(a, f.fineBins), f0.fineBins),
      categories,
      outOfRangeLow: all.reduce((s, f) => s + f.outOfRangeLow, 0),
      outOfRangeHigh: all.reduce((s, f) => s + f.outOfRangeHigh, 0),
      min: mins.length ? Math.min(...mins) : null,
      max: maxs.length ? Math.max(...maxs) : null,
      sum: all.reduce((s, f) => s + f.sum, 0),
      sumSq: all.reduce((s, f) => s + f.sumSq, 0),
    };
  });
  const events = windows.reduce((s, w) => s + w.eventCount, 0);
  return aggregate(first.windowStart, windows[windows.length - 1].windowEnd, events, windows.length, features);
}

/** Incident state as the alerter keeps it for one stream of evaluations (openAfter / resolveAfter). */
class Incidents {
  opened = 0;
  private open = false;
  private bad = 0;
  private good = 0;
  see(hasFinding: boolean): void {
    const { openAfter, resolveAfter } = DEFAULT_POLICY.alerting;
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
  findings: Map<string, number>;
}

function runClean(baseline: Baseline, rate: number, minutes: number, seed: number): Stream {
  const compiled = compileBaseline(baseline);
  const r = seededRandom(seed);
  const s: Stream = { windows: new Incidents(), rollups: new Incidents(), findings: new Map() };
  let hour: WindowAggregate[] = [];
  const note = (kinds: string[]) => kinds.forEach((k) => s.findings.set(k, (s.findings.get(k) ?? 0) + 1));
  for (let m = 0; m < minutes; m++) {
    const w = windowOf(compiled, r, rate, m * MINUTE, null);
    const ev = evaluateWindow({ baseline, window: w, policy: DEFAULT_POLICY, now: 0 });
    s.windows.see(ev.findings.length > 0);
    note(ev.findings.map((f) => `window ${f.kind} ${f.feature ?? ''}`));
    hour.push(w);
    if (hour.length === 60) {
      if (DEFAULT_POLICY.rollup.enabled) {
        const rv = evaluateWindow({ baseline, window: rollup(hour), policy: DEFAULT_POLICY, now: 0, granularity: 'rollup' });
        s.rollups.see(rv.findings.length > 0);
        note(rv.findings.map((f) => `rollup ${f.kind} ${f.feature ?? ''}`));
      }
      hour = [];
    }
  }
  return s;
}

/** Minutes from the change to the end of the first window or bucket with a finding on `feature`; null: not within MAX_MINUTES. */
function delay(baseline: Baseline, rate: number, change: Change, feature: string, seed: number): number | null {
  const compiled = compileBaseline(baseline);
  const r = seededRandom(seed);
  let hour: WindowAggregate[] = [];
  const about = (fs: { feature: string | null; details?: unknown; kind: string }[]) =>
    fs.some((f) => f.feature === feature || (f.kind === 'dataset_drift' && JSON.stringify(f.details ?? {}).includes(feature)));
  for (let m = 0; m < MAX_MINUTES; m++) {
    const w = windowOf(compiled, r, rate, m * MINUTE, change);
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

it('drift decisions: false incidents and detection delays', () => {
  const baseline = buildSimBaseline();
  const lines: string[] = [];
  const t0 = Date.now();
  lines.push('', 'False incidents per model-month on clean streams (20 features, 1-minute windows, DEFAULT_POLICY)', '');
  lines.push('| events/min | minutes simulated | window incidents | rollup incidents | per 30 days (extrapolated) | 95 % upper bound per 30 days | most frequent findings |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const rate of RATES) {
    const minutes = CLEAN_MINUTES[rate];
    const s = runClean(baseline, rate, minutes, 1000 + rate);
    const total = s.windows.opened + s.rollups.opened;
    const scale = MONTH_MINUTES / minutes;
    const top = [...s.findings.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k.trim()} ×${n}`).join('; ');
    lines.push(`| ${rate} | ${minutes} | ${s.windows.opened} | ${s.rollups.opened} | ${(total * scale).toFixed(1)} | ${(poissonUpper95(total) * scale).toFixed(1)} | ${top || '–'} |`);
  }
  lines.push('', `Minutes to detect (median of ${RUNS} runs; "> ${MAX_MINUTES}" = not within ${MAX_MINUTES} minutes)`, '');
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
      const ds = Array.from({ length: RUNS }, (_, k) => delay(baseline, rate, c.change, c.feature, 7 + 31 * k + rate)).map((d) => d ?? Infinity);
      ds.sort((a, b) => a - b);
      const med = ds[Math.floor(ds.length / 2)];
      return Number.isFinite(med) ? String(med) : `> ${MAX_MINUTES}`;
    });
    lines.push(`| ${c.label} | ${cells.join(' | ')} |`);
  }
  lines.push('', `(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(lines.join('\n'));
});
