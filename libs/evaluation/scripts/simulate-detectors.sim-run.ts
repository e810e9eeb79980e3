// False alarms and detection delays of the seven streaming detectors, with River's defaults and
// stricter candidates, run through the pipeline's DetectorBank (so the direction rule applies: only
// a rise of the error is a firing). Chooses DEFAULT_PERFORMANCE_DETECTORS (libs/evaluation README,
// "Streaming detectors").
//
//   npm run sim:detectors
//   (= cd libs/evaluation && npx vitest run --config vitest.sim.config.mts; env SIM_EVENTS
//    (stable-stream length, default 1,000,000), SIM_RUNS (delay runs, default 50), SIM_KSWIN_EVENTS
//    (200,000), SIM_KSWIN_RUNS (20), SIM_CONFIRM_EVENTS (5,000,000); about 15 minutes on one core)
//
// Stable streams: 0/1 errors at 5, 20, 40 %; absolute errors |N(0,1)| and lognormal(0,1); and, for
// Page–Hinkley only, the N(5,2) stream of the design note. Delays: PRE stable errors, then the change,
// then up to POST_MAX errors; the delay is the number of errors after the change up to and including
// the one that fired (firings before the change are false alarms and do not end the run).
import type { PerformanceDetectorName, PerformanceDetectorPolicy } from '../src/policy/policy.types';
import { DetectorBank } from '../src/performance-detectors/detector-bank';
import { buildDetector, DETECTOR_SPECS, detectorArguments } from '../src/performance-detectors/detector-specs';
import { DEFAULT_PERFORMANCE_DETECTORS } from '../src/performance-detectors/default-detectors';
import { conceptFlipStream, errorSampler, FLIP_AT, type ErrorSource } from '../src/performance-detectors/simulated-errors.test-util';
import type { ErrorPoint } from '../src/performance-detectors/error-stream';
import { it } from 'vitest';

const EVENTS = Number(process.env.SIM_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.SIM_RUNS ?? 50);
// KSWIN runs a KS test on every update (~50 µs against ~1 µs for the others): shorter streams, fewer runs.
const KSWIN_EVENTS = Number(process.env.SIM_KSWIN_EVENTS ?? 200_000);
const KSWIN_RUNS = Number(process.env.SIM_KSWIN_RUNS ?? 20);
/** The chosen set's detectors are run again on longer stable streams, to bound their rate below the target. */
const CONFIRM_EVENTS = Number(process.env.SIM_CONFIRM_EVENTS ?? 5_000_000);
const PRE = 5000;
const POST_MAX = 20_000;
/** 1 labelled event per second for 30 days. */
const EVENTS_PER_30_DAYS = 30 * 86_400;
const TARGET_PER_MILLION = 1e6 / EVENTS_PER_30_DAYS;

interface Candidate {
  readonly label: string;
  readonly name: PerformanceDetectorName;
  readonly params: Record<string, number | string>;
}

const CANDIDATES: Candidate[] = [
  { label: 'ADWIN (River)', name: 'adwin', params: {} },
  { label: 'ADWIN δ=1e-4', name: 'adwin', params: { delta: 1e-4 } },
  { label: 'ADWIN δ=1e-5', name: 'adwin', params: { delta: 1e-5 } },
  { label: 'ADWIN δ=1e-6', name: 'adwin', params: { delta: 1e-6 } },
  { label: 'DDM (River)', name: 'ddm', params: {} },
  { label: 'DDM drift 4', name: 'ddm', params: { driftThreshold: 4, warmStart: 1000 } },
  { label: 'DDM drift 5', name: 'ddm', params: { driftThreshold: 5, warmStart: 1000 } },
  { label: 'EDDM (River)', name: 'eddm', params: {} },
  { label: 'EDDM β=0.7', name: 'eddm', params: { alpha: 0.8, beta: 0.7, warmStart: 1000 } },
  { label: 'HDDM-A (River)', name: 'hddmA', params: {} },
  { label: 'HDDM-A 1e-5', name: 'hddmA', params: { driftConfidence: 1e-5, warningConfidence: 1e-4 } },
  { label: 'HDDM-A 1e-7', name: 'hddmA', params: { driftConfidence: 1e-7, warningConfidence: 1e-6 } },
  { label: 'HDDM-W (River)', name: 'hddmW', params: {} },
  { label: 'HDDM-W 1e-5', name: 'hddmW', params: { driftConfidence: 1e-5, warningConfidence: 1e-4 } },
  { label: 'HDDM-W 1e-7', name: 'hddmW', params: { driftConfidence: 1e-7, warningConfidence: 1e-6 } },
  { label: 'KSWIN (River)', name: 'kswin', params: {} },
  { label: 'KSWIN α=1e-4 w300', name: 'kswin', params: { alpha: 1e-4, windowSize: 300, statSize: 100 } },
  { label: 'KSWIN α=1e-5 w500', name: 'kswin', params: { alpha: 1e-5, windowSize: 500, statSize: 100 } },
  { label: 'Page–Hinkley (River, up)', name: 'pageHinkley', params: {} },
  { label: 'Page–Hinkley (River, both)', name: 'pageHinkley', params: { mode: 'both' } },
  { label: 'Page–Hinkley λ=200', name: 'pageHinkley', params: { threshold: 200 } },
];

interface Stable {
  readonly label: string;
  readonly source: ErrorSource;
  readonly task: 'binary' | 'regression';
  readonly onlyFor?: PerformanceDetectorName;
}

const STABLE: Stable[] = [
  { label: 'p=0.05', source: { kind: 'binary', rate: 0.05 }, task: 'binary' },
  { label: 'p=0.2', source: { kind: 'binary', rate: 0.2 }, task: 'binary' },
  { label: 'p=0.4', source: { kind: 'binary', rate: 0.4 }, task: 'binary' },
  { label: '|N(0,1)|', source: { kind: 'absNormal', scale: 1 }, task: 'regression' },
  { label: 'lognormal', source: { kind: 'lognormal', scale: 1 }, task: 'regression' },
  { label: 'N(5,2)', source: { kind: 'normal', mean: 5, sd: 2 }, task: 'regression', onlyFor: 'pageHinkley' },
];

interface Change {
  readonly label: string;
  readonly before: ErrorSource;
  readonly after: ErrorSource;
  readonly task: 'binary' | 'regression';
}

const CHANGES: Change[] = [
  { label: '0.2→0.3', before: { kind: 'binary', rate: 0.2 }, after: { kind: 'binary', rate: 0.3 }, task: 'binary' },
  { label: '0.2→0.4', before: { kind: 'binary', rate: 0.2 }, after: { kind: 'binary', rate: 0.4 }, task: 'binary' },
  { label: '|N|×1.5', before: { kind: 'absNormal', scale: 1 }, after: { kind: 'absNormal', scale: 1.5 }, task: 'regression' },
  { label: 'logn×1.5', before: { kind: 'lognormal', scale: 1 }, after: { kind: 'lognormal', scale: 1.5 }, task: 'regression' },
];

const policyOf = (c: Candidate): PerformanceDetectorPolicy[] => [{ name: c.name, params: c.params as Record<string, number>, severity: 'warning' }];
const runsOn = (c: Candidate, task: 'binary' | 'regression'): boolean => task === 'binary' || !DETECTOR_SPECS[c.name].binary;

/** Feeds `length` points drawn by `next` in chunks; calls `onFiring` with the 1-based position of each firing. */
function drive(bank: DetectorBank, length: number, next: (i: number) => number, onFiring: (position: number) => boolean | void): void {
  const CHUNK = 4096;
  for (let start = 0; start < length; start += CHUNK) {
    const points: ErrorPoint[] = [];
    for (let i = start; i < Math.min(length, start + CHUNK); i++) points.push({ eventId: '', eventTime: i, error: next(i) });
    for (const f of bank.feed(points)) if (onFiring(f.eventTime + 1) === true) return;
  }
}

interface FalseAlarms {
  firings: number;
  detections: number;
  firstDetection: number | null;
  events: number;
}

const eventsFor = (c: Candidate): number => (c.name === 'kswin' ? KSWIN_EVENTS : EVENTS);

function falseAlarms(c: Candidate, s: Stable, events = eventsFor(c)): FalseAlarms {
  const bank = new DetectorBank(policyOf(c), s.task);
  const draw = errorSampler(1000 + STABLE.indexOf(s));
  let firings = 0;
  drive(bank, events, () => draw(s.source), () => {
    firings += 1;
  });
  // First detection of any direction, by the bare detector on the same stream.
  const probe = buildDetector(c.name, detectorArguments(c.name, c.params));
  const drawProbe = errorSampler(1000 + STABLE.indexOf(s));
  let firstDetection: number | null = null;
  for (let i = 0; i < Math.min(events, 100_000) && firstDetection === null; i++) {
    probe.update(drawProbe(s.source));
    if (probe.driftDetected) firstDetection = i + 1;
  }
  return { firings, detections: bank.counts()[0].detections, firstDetection, events };
}

/** Delay of each seeded run (Infinity: not detected within POST_MAX). */
function delays(c: Candidate, ch: Change): number[] {
  const out: number[] = [];
  for (let run = 0; run < (c.name === 'kswin' ? KSWIN_RUNS : RUNS); run++) {
    const bank = new DetectorBank(policyOf(c), ch.task);
    const draw = errorSampler(50_000 + 1000 * CHANGES.indexOf(ch) + run);
    let delay = Infinity;
    drive(bank, PRE + POST_MAX, (i) => draw(i < PRE ? ch.before : ch.after), (pos) => {
      if (pos > PRE) {
        delay = pos - PRE;
        return true;
      }
      return false;
    });
    out.push(delay);
  }
  return out;
}

function flipDelay(policy: PerformanceDetectorPolicy[]): { before: number; delay: number | null } {
  const bank = new DetectorBank(policy, 'binary');
  let before = 0;
  let delay: number | null = null;
  for (const f of bank.feed(conceptFlipStream())) {
    const pos = f.index;
    if (pos <= FLIP_AT) before += 1;
    else if (delay === null) delay = pos - FLIP_AT;
  }
  return { before, delay };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmtDelay = (v: number): string => (Number.isFinite(v) ? String(v) : `>${POST_MAX}`);
/** Per 1M events; with zero firings, the 95 % upper bound (3 / n) in brackets. */
const fmtRate = (f: FalseAlarms): string =>
  f.firings === 0 ? `0 (<${((3 / f.events) * 1e6).toFixed(2)})` : ((f.firings / f.events) * 1e6).toFixed(f.firings / f.events < 1e-5 ? 2 : 0);

it('simulates false alarms and detection delays', { timeout: 3_600_000 }, () => {
  const out: string[] = [];
  const log = (line = ''): void => {
    out.push(line);
  };
  log(`Stable streams: ${EVENTS.toLocaleString('en-US')} errors each; delays: ${RUNS} seeded runs, ${PRE} errors before the change, up to ${POST_MAX} after.`);
  log(`Target: ≤ 1 false incident per model per 30 days at 1 labelled event/s (${EVENTS_PER_30_DAYS.toLocaleString('en-US')} events) = ${TARGET_PER_MILLION.toFixed(3)} per 1M events.`);
  log();
  const stableFor = (c: Candidate) => STABLE.filter((s) => runsOn(c, s.task) && (!s.onlyFor || s.onlyFor === c.name));
  log('| detector | ' + STABLE.map((s) => s.label).join(' | ') + ' | ' + CHANGES.map((ch) => `${ch.label} median / p90`).join(' | ') + ' |');
  log('|---|' + STABLE.map(() => '---:').join('|') + '|' + CHANGES.map(() => '---:').join('|') + '|');
  const results = new Map<string, { worst: number; fa: Map<string, FalseAlarms>; d: Map<string, number[]> }>();
  for (const c of CANDIDATES) {
    const fa = new Map<string, FalseAlarms>();
    for (const s of stableFor(c)) fa.set(s.label, falseAlarms(c, s));
    const d = new Map<string, number[]>();
    for (const ch of CHANGES) if (runsOn(c, ch.task)) d.set(ch.label, delays(c, ch));
    const worst = Math.max(...[...fa.entries()].filter(([k]) => k !== 'N(5,2)').map(([, f]) => f.firings / f.events));
    results.set(c.label, { worst, fa, d });
    const cells = STABLE.map((s) => {
      const f = fa.get(s.label);
      if (!f) return '–';
      const first = f.firstDetection === null ? '' : `, 1st ${f.firstDetection}`;
      return `${fmtRate(f)} [${((f.detections / f.events) * 1e6).toFixed(0)}${first}]`;
    });
    const dcells = CHANGES.map((ch) => {
      const xs = d.get(ch.label);
      return xs ? `${fmtDelay(quantile(xs, 0.5))} / ${fmtDelay(quantile(xs, 0.9))}` : '–';
    });
    log(`| ${c.label} | ${cells.join(' | ')} | ${dcells.join(' | ')} |`);
    process.stderr.write(`done ${c.label}\n`);
  }
  log();
  log('Cells of the stable streams: reported firings (error went up) per 1M errors [detections of any direction per 1M, 1st: the first detection, in events].');
  log();

  // The set: one detector for every task, or a binary one for classification plus one for regression;
  // the false-alarm rates of detectors running on the same stream add up.
  // Lognormal absolute errors are left out of the target: no candidate meets it there (see the README).
  const meets = (labels: Candidate[]): boolean =>
    STABLE.filter((s) => s.label !== 'N(5,2)' && s.label !== 'lognormal').every((s) => {
      const rate = labels.filter((c) => runsOn(c, s.task)).reduce((sum, c) => {
        const f = results.get(c.label)!.fa.get(s.label)!;
        return sum + (f.firings / f.events) * 1e6;
      }, 0);
      return rate <= TARGET_PER_MILLION;
    });
  const setDelay = (set: Candidate[], change: string): number[] => {
    const runs = set.filter((c) => results.get(c.label)!.d.has(change)).map((c) => results.get(c.label)!.d.get(change)!);
    return runs[0].map((_, i) => Math.min(...runs.map((r) => r[i])));
  };
  const general = CANDIDATES.filter((c) => !DETECTOR_SPECS[c.name].binary);
  const sets: Candidate[][] = [...general.map((c) => [c]), ...CANDIDATES.filter((c) => DETECTOR_SPECS[c.name].binary).flatMap((b) => general.map((g) => [b, g]))];
  // Shortest median delays first; at equal medians the smaller set (less state, fewer chances of a
  // false alarm), then the p90.
  const score = (set: Candidate[]): number[] => [
    quantile(setDelay(set, '0.2→0.3'), 0.5),
    quantile(setDelay(set, '|N|×1.5'), 0.5),
    set.length,
    quantile(setDelay(set, '0.2→0.3'), 0.9),
  ];
  const ok = sets.filter(meets).sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] - sb[i];
    return 0;
  });
  log('Sets meeting the target, best first (median delay 0.2→0.3, |N|×1.5; detectors; p90 0.2→0.3):');
  for (const set of ok.slice(0, 5)) log(`- ${set.map((c) => c.label).join(' + ')}: ${score(set).map(fmtDelay).join(', ')}`);
  log();
  if (ok.length > 0) {
    log(`Confirmation of the best set on ${CONFIRM_EVENTS.toLocaleString('en-US')} errors per stable stream (firings per 1M):`);
    for (const c of ok[0]) {
      const events = c.name === 'kswin' ? KSWIN_EVENTS * 5 : CONFIRM_EVENTS;
      const cells = STABLE.filter((s) => runsOn(c, s.task) && !s.onlyFor).map((s) => `${s.label}: ${fmtRate(falseAlarms(c, s, events))}`);
      log(`- ${c.label} (${events.toLocaleString('en-US')} errors): ${cells.join(', ')}`);
    }
    log();
  }
  log(`Concept-flip stream (${FLIP_AT} errors at 0.15 then 0.45, seed 8): events after the flip until the first firing (firings before it)`);
  log('| detector | pipeline default | River defaults |');
  log('|---|---:|---:|');
  for (const name of Object.keys(DETECTOR_SPECS) as PerformanceDetectorName[]) {
    const def = DEFAULT_PERFORMANCE_DETECTORS.filter((d) => d.name === name);
    const dd = def.length ? flipDelay(def) : null;
    const rd = flipDelay([{ name, params: {}, severity: 'warning' }]);
    const show = (r: { before: number; delay: number | null } | null) => (r ? `${r.delay ?? 'none'} (${r.before})` : 'not in the set');
    log(`| ${name} | ${show(dd)} | ${show(rd)} |`);
  }
  console.log(out.join('\n'));
});
