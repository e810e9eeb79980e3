import { assertSameLength, fillZeroShares, normalizeShares, relEntr } from '../distances/shares.util';

/**
 * Per-bin terms of the histogram distances and statistics: what each bin (or category) adds to
 * the value that decided drift, so a finding can say where the distribution moved. One place
 * defines them, each next to the distance it explains:
 *
 * | method | term of bin i | sums to |
 * | --- | --- | --- |
 * | psi | (q−p)·ln(q/p) on the zero-filled shares | PSI |
 * | kullbackLeibler | p·ln(p/q) on the filled, renormalised shares | KL (a term may be negative) |
 * | totalVariation | ½·\|p−q\| | TV |
 * | jensenShannon | ½·(p·ln(p/m) + q·ln(q/m)) / JS, m = (p+q)/2 | JS (the terms of the divergence JS², divided by JS) |
 * | hellinger | ½·(√p−√q)² / H | H (likewise, H² divided by H) |
 * | wasserstein | \|F_ref − F_cur\| at an edge × the distance between the midpoints around it (per edge) | the histogram Wasserstein |
 * | wasserstein (per bin) | the same \|ΔF\| spread over the half-widths of the two bins beside each edge | the histogram Wasserstein |
 * | ks | \|F_ref − F_cur\| at an edge (per edge) | nothing: the largest is the statistic D |
 * | chiSquare, twoProportionZ | (O−E)²/E of the 2×k contingency table (baseline row and window row), per column | the contingency χ² (z² for two categories) |
 *
 * Dividing the JS and Hellinger terms by the distance keeps their ranking and makes them sum to
 * the distance users read, not to its square. Each returns 0 terms where the distance is 0 and
 * an empty array when either side has no mass.
 */
export type TermMethod = 'psi' | 'kullbackLeibler' | 'totalVariation' | 'jensenShannon' | 'hellinger';

export function binTerms(method: TermMethod, ref: ArrayLike<number>, cur: ArrayLike<number>): number[] {
  assertSameLength(ref, cur, `${method} terms`);
  const p = normalizeShares(ref, `${method} terms`, 'ref');
  const q = normalizeShares(cur, `${method} terms`, 'cur');
  if (p === null || q === null) return [];
  switch (method) {
    case 'psi': {
      const pf = fillZeroShares(p);
      const qf = fillZeroShares(q);
      return Array.from(pf, (_, i) => (qf[i] - pf[i]) * Math.log(qf[i] / pf[i]));
    }
    case 'kullbackLeibler': {
      const pf = normalizeShares(fillZeroShares(p), 'kullbackLeibler terms', 'ref') as Float64Array;
      const qf = normalizeShares(fillZeroShares(q), 'kullbackLeibler terms', 'cur') as Float64Array;
      return Array.from(pf, (_, i) => relEntr(pf[i], qf[i]));
    }
    case 'totalVariation':
      return Array.from(p, (_, i) => 0.5 * Math.abs(p[i] - q[i]));
    case 'jensenShannon':
      return rootScaled(Array.from(p, (_, i) => {
        const m = (p[i] + q[i]) / 2;
        return 0.5 * (relEntr(p[i], m) + relEntr(q[i], m));
      }));
    case 'hellinger':
      return rootScaled(Array.from(p, (_, i) => 0.5 * (Math.sqrt(p[i]) - Math.sqrt(q[i])) ** 2));
  }
}

/** Terms of a squared distance, each divided by the distance so they sum to it. */
function rootScaled(squared: number[]): number[] {
  const distance = Math.sqrt(Math.max(0, squared.reduce((s, t) => s + t, 0)));
  return squared.map((t) => (distance > 0 ? t / distance : 0));
}

/** |F_ref − F_cur| at each interior edge (bins − 1 values): the gaps KS takes the largest of. */
export function cdfGaps(ref: ArrayLike<number>, cur: ArrayLike<number>): number[] {
  assertSameLength(ref, cur, 'cdfGaps');
  const [n, m] = [total(ref), total(cur)];
  if (n === 0 || m === 0) return [];
  const gaps: number[] = [];
  let refCum = 0;
  let curCum = 0;
  for (let i = 0; i < ref.length - 1; i++) {
    refCum += ref[i];
    curCum += cur[i];
    gaps.push(Math.abs(refCum / n - curCum / m));
  }
  return gaps;
}

/**
 * The terms of wassersteinFromHistogram, per interior edge, in the feature's unit (divide by the
 * same spread as the distance to get the normalised terms): they sum to it exactly.
 */
export function wassersteinTerms(edges: readonly number[], ref: ArrayLike<number>, cur: ArrayLike<number>, lo: number, hi: number): number[] {
  const bins = edges.length + 1;
  if (ref.length !== bins || cur.length !== bins) {
    throw new RangeError(`wassersteinTerms: ${edges.length} edges need ${bins} counts, got ${ref.length} and ${cur.length}`);
  }
  const bounds = [Math.min(lo, edges[0] ?? lo), ...edges, Math.max(hi, edges[edges.length - 1] ?? hi)];
  return cdfGaps(ref, cur).map((gap, i) => gap * ((bounds[i + 2] - bounds[i]) / 2));
}

/**
 * The Wasserstein terms spread over the bins instead of the edges: |ΔF| at each edge times half
 * the width of each bin beside it (the outer bins closed by lo and hi), so bin j holds the
 * |ΔF| mass over its own width and the bins sum to wassersteinFromHistogram exactly. This is
 * what lets a finer grid's mass be gathered into the baseline's coarser bins.
 */
export function wassersteinBinTerms(edges: readonly number[], ref: ArrayLike<number>, cur: ArrayLike<number>, lo: number, hi: number): number[] {
  wassersteinTerms(edges, ref, cur, lo, hi);
  const gaps = cdfGaps(ref, cur);
  if (total(ref) === 0 || total(cur) === 0) return [];
  const bounds = [Math.min(lo, edges[0] ?? lo), ...edges, Math.max(hi, edges[edges.length - 1] ?? hi)];
  return Array.from({ length: edges.length + 1 }, (_, j) => {
    const half = (bounds[j + 1] - bounds[j]) / 2;
    return ((j > 0 ? gaps[j - 1] : 0) + (j < gaps.length ? gaps[j] : 0)) * half;
  });
}

/**
 * Pearson terms (O−E)²/E of the 2×k table whose rows are the baseline's and the window's counts,
 * summed per column: a category seen on one side only gets a finite term (its expected count is
 * positive on both rows). Columns empty on both sides get 0.
 */
export function contingencyTerms(ref: ArrayLike<number>, cur: ArrayLike<number>): number[] {
  assertSameLength(ref, cur, 'contingencyTerms');
  const [n, m] = [total(ref), total(cur)];
  if (n === 0 || m === 0) return [];
  const all = n + m;
  return Array.from({ length: ref.length }, (_, i) => {
    const column = ref[i] + cur[i];
    if (column === 0) return 0;
    const eRef = (column * n) / all;
    const eCur = (column * m) / all;
    return (ref[i] - eRef) ** 2 / eRef + (cur[i] - eCur) ** 2 / eCur;
  });
}

function total(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
