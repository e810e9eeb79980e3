import type { Baseline, DriftContributor, DriftExplanation, DriftImpactFactors, FeatureHistogram } from '@driftwatch/contracts';
import { binTerms, cdfGaps, contingencyTerms, isPValueMethod, wassersteinBinTerms } from '@driftwatch/stats';
import type { StreamingMethod } from '../policy/policy.types';
import { fmt } from './format.util';
import { cdfGrid, outerBounds, wassersteinScale } from './histogram-metrics';
import type { ImportanceContext } from './severity.util';

type BaselineFeature = Baseline['features'][number];

/** Contributors listed per finding: enough to see where the mass went, few enough to keep evaluations small. */
export const EXPLANATION_TOP = 5;
const MAX_CATEGORY_LENGTH = 128;
/** A p-value of 0 (underflow) counts as this one, so the impact stays finite. */
const P_VALUE_FLOOR = 1e-300;

interface Bin {
  low?: number | null;
  high?: number | null;
  category?: string;
  new?: boolean;
  ref: number;
  cur: number;
  contribution: number;
}

/**
 * The bins (numeric: the baseline's, whatever grid the method used) or categories that moved
 * the deciding method most, with the method's per-bin terms (libs/stats explain/bin-contributions)
 * as contributions; null when the sides cannot be compared (no values, bins of another baseline).
 */
export function explainDrift(b: BaselineFeature, h: FeatureHistogram, method: StreamingMethod, top = EXPLANATION_TOP): DriftExplanation | null {
  const bins = b.kind === 'numeric' ? numericBins(b, h, method) : categoricalBins(b, h, method);
  if (bins === null) return null;
  const refTotal = bins.reduce((s, x) => s + x.ref, 0);
  const curTotal = bins.reduce((s, x) => s + x.cur, 0);
  const contributors: DriftContributor[] = bins.map((x) => {
    const where: Partial<DriftContributor> =
      x.category === undefined
        ? { low: x.low ?? null, high: x.high ?? null }
        : {
            category: x.category.length > MAX_CATEGORY_LENGTH ? `${x.category.slice(0, MAX_CATEGORY_LENGTH - 1)}…` : x.category,
            ...(x.new ? { new: true } : {}),
          };
    return { ...where, baselineShare: x.ref / refTotal, currentShare: x.cur / curTotal, contribution: x.contribution };
  });
  // Largest contribution first; equal ones by how far the share moved, then in bin order.
  const ranked = contributors
    .map((c, i) => ({ c, i }))
    .sort((a, z) => z.c.contribution - a.c.contribution || Math.abs(z.c.currentShare - z.c.baselineShare) - Math.abs(a.c.currentShare - a.c.baselineShare) || a.i - z.i)
    .map(({ c }) => c);
  return { method, additive: ADDITIVE.has(method), bins: contributors.length, top: ranked.slice(0, top).map(rounded) };
}

/** Methods whose per-bin terms add up to the decision value (bin-contributions.ts). */
const ADDITIVE: ReadonlySet<StreamingMethod> = new Set(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein']);

function rounded(c: DriftContributor): DriftContributor {
  const r = (x: number) => Number(x.toPrecision(6));
  return { ...c, baselineShare: r(c.baselineShare), currentShare: r(c.currentShare), contribution: r(c.contribution) };
}

function numericBins(b: BaselineFeature, h: FeatureHistogram, method: StreamingMethod): Bin[] | null {
  const n = b.binCounts.length;
  if (n === 0 || h.bins.length !== n || sum(b.binCounts) === 0 || sum(h.bins) === 0) return null;
  const contribution = new Array<number>(n).fill(0);
  if (method === 'wasserstein' || method === 'ks') {
    const grid = cdfGrid(b, h);
    // Each bin of the grid falls in the baseline bin holding its lower edge (the grids share
    // their quantiles, so a fine bin sits inside one coarse bin).
    const coarse = (j: number) => (j === 0 ? 0 : upperBound(b.edges, grid.edges[j - 1]));
    if (method === 'wasserstein') {
      const { lo, hi } = outerBounds(b, h, grid.edges);
      const terms = wassersteinBinTerms(grid.edges, grid.ref, grid.cur, lo, hi);
      terms.forEach((t, j) => (contribution[coarse(j)] += t / wassersteinScale(b)));
    } else {
      // KS: a bin's largest gap at either of its edges, so the top bin holds the statistic.
      const gaps = cdfGaps(grid.ref, grid.cur);
      for (let j = 0; j < grid.ref.length; j++) {
        const gap = Math.max(j > 0 ? gaps[j - 1] : 0, j < gaps.length ? gaps[j] : 0);
        contribution[coarse(j)] = Math.max(contribution[coarse(j)], gap);
      }
    }
  } else {
    binTerms(termMethod(method), b.binCounts, h.bins).forEach((t, i) => (contribution[i] = t));
  }
  return b.binCounts.map((ref, i) => ({
    low: i === 0 ? null : b.edges[i - 1],
    high: i === n - 1 ? null : b.edges[i],
    ref,
    cur: h.bins[i],
    contribution: contribution[i],
  }));
}

/**
 * Categories as the distances see them (the baseline's, plus one bucket for all unseen ones,
 * whose term is shared among the new categories by their counts); the tests on the 2×k table
 * of every category, new ones their own column.
 */
function categoricalBins(b: BaselineFeature, h: FeatureHistogram, method: StreamingMethod): Bin[] | null {
  const known = Object.keys(b.categories)
    .filter((c) => b.categories[c] > 0)
    .sort();
  const knownSet = new Set(known);
  const unseen = Object.entries(h.categories)
    .filter(([c, n]) => n > 0 && !knownSet.has(c))
    .sort(([a, x], [z, y]) => y - x || (a < z ? -1 : 1));
  const ref = known.map((c) => b.categories[c]);
  const cur = known.map((c) => h.categories[c] ?? 0);
  if (sum(ref) === 0 || sum(cur) + unseen.reduce((s, [, n]) => s + n, 0) === 0) return null;
  const bins: Bin[] = known.map((category, i) => ({ category, ref: ref[i], cur: cur[i], contribution: 0 }));
  for (const [category, n] of unseen) bins.push({ category, new: true, ref: 0, cur: n, contribution: 0 });
  if (isPValueMethod(method)) {
    contingencyTerms(bins.map((x) => x.ref), bins.map((x) => x.cur)).forEach((t, i) => (bins[i].contribution = t));
    return bins;
  }
  const unseenTotal = unseen.reduce((s, [, n]) => s + n, 0);
  const terms = binTerms(termMethod(method), [...ref, 0], [...cur, unseenTotal]);
  known.forEach((_, i) => (bins[i].contribution = terms[i]));
  for (let i = known.length; i < bins.length; i++) bins[i].contribution = (terms[known.length] * bins[i].cur) / unseenTotal;
  return bins;
}

function termMethod(method: StreamingMethod): 'psi' | 'kullbackLeibler' | 'totalVariation' | 'jensenShannon' | 'hellinger' {
  switch (method) {
    case 'psi':
    case 'kullbackLeibler':
    case 'totalVariation':
    case 'jensenShannon':
    case 'hellinger':
      return method;
    default:
      // A p-value method on a numeric feature (KS is handled apart) has no bin terms of its own.
      return 'totalVariation';
  }
}

/**
 * details.impact and details.impactFactors of a drift finding (see DriftImpactFactors): drift
 * is value / threshold for a distance and ln p / ln threshold for a p-value, 1 at the threshold
 * either way; importance is the feature's importance share times the number of features, 1 when
 * the model has no importances and for the prediction. Null when the value is not computable.
 */
export function driftImpact(
  method: StreamingMethod,
  value: number | null,
  threshold: number,
  importance: number,
): { impact: number; impactFactors: DriftImpactFactors } | null {
  if (value === null || !Number.isFinite(value)) return null;
  const drift = isPValueMethod(method)
    ? threshold > 0 && threshold < 1
      ? Math.log(Math.max(value, P_VALUE_FLOOR)) / Math.log(threshold)
      : null
    : threshold > 0
      ? value / threshold
      : null;
  if (drift === null) return null;
  const r = (x: number) => Number(x.toPrecision(4));
  return { impact: r(drift * importance), impactFactors: { drift: r(drift), importance: r(importance) } };
}

/** The importance factor of driftImpact for one feature. */
export function importanceFactor(feature: string, ctx: ImportanceContext, prediction: boolean): number {
  if (prediction || !ctx.view.known) return 1;
  return (ctx.view.normalised.get(feature) ?? 0) * ctx.view.normalised.size;
}

/**
 * What evaluateWindow adds to a drift finding: `explanation`, `impact` and `impactFactors` for
 * its details, and the sentence's tail naming the top contributor.
 */
export function driftEvidence(
  b: BaselineFeature,
  h: FeatureHistogram,
  rule: { method: StreamingMethod; threshold: number },
  value: number | null,
  importance: number,
): { details: Record<string, unknown>; messageTail: string } {
  const explanation = explainDrift(b, h, rule.method);
  const impact = driftImpact(rule.method, value, rule.threshold, importance);
  return { details: { ...(impact ?? {}), ...(explanation ? { explanation } : {}) }, messageTail: mostMovedText(explanation) };
}

/** "; most moved: 52000–61000, 12% → 31%", appended to the finding's sentence; '' without contributors. */
export function mostMovedText(explanation: DriftExplanation | null): string {
  const first = explanation?.top[0];
  if (!first) return '';
  const pct = (share: number) => `${fmt(share * 100)}%`;
  return `; most moved: ${contributorLabel(first)}, ${pct(first.baselineShare)} → ${pct(first.currentShare)}`;
}

function contributorLabel(c: DriftContributor): string {
  if (c.category !== undefined) {
    const name = c.category.length > 40 ? `${c.category.slice(0, 39)}…` : c.category;
    return c.new ? `${name} (new)` : name;
  }
  if (c.low === null || c.low === undefined) return `< ${fmt(c.high ?? null)}`;
  if (c.high === null || c.high === undefined) return `≥ ${fmt(c.low)}`;
  return `${fmt(c.low)}–${fmt(c.high)}`;
}

/** np.searchsorted(edges, x, side="right"): the bin of x. */
function upperBound(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0);
}
