/**
 * False drift of the chi-square test on clean windows, measured on the evaluator's own metric
 * code (categoricalMetrics from histogram counts, the same function `driftwatch compare` calls):
 *
 *     npm run sim:chi-square
 *
 * prints the table of libs/evaluation/README.md "Chi-square on clean windows". Deterministic.
 *
 * A clean window: baseline and window drawn from the same category distribution. Each cell
 * draws BASELINES baselines of 1,000 rows and WINDOWS_PER_BASELINE windows against each, so
 * the baseline's own sampling noise is part of the measurement (it is what the old test
 * ignored). "Drifted" = p < 0.05, the default chi-square rule. The old figure is the previous
 * definition, Pearson goodness of fit against the baseline's shares (scipy.stats.chisquare,
 * expected = baseline count × n_window / n_baseline; a category unseen in the baseline made it
 * infinite, p 0), computed here on the same draws.
 */
import { describe, it } from 'vitest';
import type { BaselineFeature, FeatureHistogram } from '@driftwatch/contracts';
import { chiSquareSurvival, seededRandom, type SeededRandom } from '@driftwatch/stats';
import { categoricalMetrics } from '../src/evaluate/histogram-metrics';

const BASELINE_ROWS = 1_000;
const WINDOW_SIZES = [1_000, 6_000, 60_000];
const BASELINES = 200;
const WINDOWS_PER_BASELINE = 10;
const ALPHA = 0.05;

interface Shape {
  name: string;
  kind: 'categorical' | 'boolean';
  shares: number[];
}

const zipf = (k: number): number[] => Array.from({ length: k }, (_, i) => 1 / (i + 1));
const SHAPES: Shape[] = [
  { name: 'boolean, 30 % true', kind: 'boolean', shares: [0.7, 0.3] },
  { name: '3 categories 50/30/20 %', kind: 'categorical', shares: [0.5, 0.3, 0.2] },
  { name: '10 categories, Zipf', kind: 'categorical', shares: zipf(10) },
  { name: '100 categories, uniform', kind: 'categorical', shares: new Array(100).fill(1) },
  { name: '100 categories, Zipf (rare tail)', kind: 'categorical', shares: zipf(100) },
];

function names(shape: Shape): string[] {
  return shape.kind === 'boolean' ? ['false', 'true'] : shape.shares.map((_, i) => `c${i}`);
}

/** Category counts of n draws: inverse CDF by bisection on the cumulative shares. */
function draw(random: SeededRandom, cumulative: Float64Array, labels: string[], n: number): Record<string, number> {
  const counts = new Array<number>(labels.length).fill(0);
  const total = cumulative[cumulative.length - 1];
  for (let i = 0; i < n; i++) {
    const u = random.uniform() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  const out: Record<string, number> = {};
  counts.forEach((c, i) => {
    if (c > 0) out[labels[i]] = c;
  });
  return out;
}

/** The previous definition: goodness of fit of the window against the baseline's shares. */
function goodnessOfFitP(ref: Record<string, number>, cur: Record<string, number>): number {
  const keys = new Set([...Object.keys(ref), ...Object.keys(cur)]);
  const nRef = Object.values(ref).reduce((a, b) => a + b, 0);
  const nCur = Object.values(cur).reduce((a, b) => a + b, 0);
  let statistic = 0;
  for (const k of keys) {
    const expected = ((ref[k] ?? 0) * nCur) / nRef;
    if (expected === 0) return 0;
    const d = (cur[k] ?? 0) - expected;
    statistic += (d * d) / expected;
  }
  return keys.size < 2 ? 1 : chiSquareSurvival(statistic, keys.size - 1);
}

function baselineFeature(kind: Shape['kind'], categories: Record<string, number>): BaselineFeature {
  return { name: 'f', kind, edges: [], binCounts: [], categories, count: BASELINE_ROWS, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null };
}

function windowHistogram(categories: Record<string, number>, n: number): FeatureHistogram {
  return { feature: 'f', baselineId: 'b', count: n, missing: 0, typeErrors: 0, bins: [], fineBins: [], categories, outOfRangeLow: 0, outOfRangeHigh: 0, min: null, max: null, sum: 0, sumSq: 0 };
}

interface Cell {
  old: number;
  oldInfinite: number;
  chi: number;
  z: number;
  trials: number;
}

function measure(shape: Shape, n: number, seed: number): Cell {
  const random = seededRandom(seed);
  const labels = names(shape);
  const cumulative = new Float64Array(shape.shares.length);
  shape.shares.reduce((acc, s, i) => (cumulative[i] = acc + s), 0);
  const cell: Cell = { old: 0, oldInfinite: 0, chi: 0, z: 0, trials: 0 };
  for (let b = 0; b < BASELINES; b++) {
    const ref = draw(random, cumulative, labels, BASELINE_ROWS);
    const base = baselineFeature(shape.kind, ref);
    for (let w = 0; w < WINDOWS_PER_BASELINE; w++) {
      const cur = draw(random, cumulative, labels, n);
      const metrics = categoricalMetrics(base, windowHistogram(cur, n));
      const old = goodnessOfFitP(ref, cur);
      cell.trials++;
      if (old < ALPHA) cell.old++;
      if (Object.keys(cur).some((k) => !(k in ref))) cell.oldInfinite++;
      if ((metrics.chiSquarePValue ?? 1) < ALPHA) cell.chi++;
      if ((metrics.twoProportionZPValue ?? 1) < ALPHA) cell.z++;
    }
  }
  return cell;
}

const pct = (k: number, n: number): string => `${((100 * k) / n).toFixed(1)} %`;

describe('chi-square on clean windows', () => {
  it('prints the false-drift table', () => {
    const rows: string[] = [
      `baseline ${BASELINE_ROWS} rows; ${BASELINES} baselines × ${WINDOWS_PER_BASELINE} clean windows per cell; drifted = p < ${ALPHA}`,
      '',
      '| feature | window events | old: goodness of fit | windows with a category unseen in the baseline (old: p 0) | new: two-sample chi-square | two-proportion z |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    ];
    SHAPES.forEach((shape, s) => {
      for (const n of WINDOW_SIZES) {
        const c = measure(shape, n, 9_000 + 100 * s + WINDOW_SIZES.indexOf(n));
        const z = shape.kind === 'boolean' ? pct(c.z, c.trials) : '—';
        rows.push(`| ${shape.name} | ${n.toLocaleString('en-US')} | ${pct(c.old, c.trials)} | ${pct(c.oldInfinite, c.trials)} | ${pct(c.chi, c.trials)} | ${z} |`);
      }
    });
    console.log(rows.join('\n'));
  });
});
