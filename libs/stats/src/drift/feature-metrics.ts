import { categoricalHistogram, numericHistogram, quantileEdges } from '../binning';
import { cdfDistanceIntegrals, energyOfIntegral, hellinger, jensenShannon, kullbackLeibler, normaliseWasserstein, psi, totalVariation } from '../distances';
import { chiSquare, twoProportionZ } from '../hypothesis';
import type { TestResult } from '../test-result';
import { andersonDarlingKSample, cramerVonMises2, ks2samp, mannWhitneyU } from '../two-sample';

/** Distances between the binned distributions (reference bins fixed by the baseline). */
export interface HistogramMetrics {
  psi: number;
  jensenShannon: number;
  kullbackLeibler: number;
  hellinger: number;
  totalVariation: number;
}

export interface NumericMetrics extends HistogramMetrics {
  /** Wasserstein distance / max(std(ref), 0.001). */
  wasserstein: number;
  energy: number;
  ks: TestResult & { method?: string };
  andersonDarling: TestResult | null;
  cramerVonMises: TestResult;
  mannWhitney: TestResult;
}

export interface CategoricalMetrics extends HistogramMetrics {
  /** Two-sample contingency test, scipy.stats.chi2_contingency (see hypothesis/chi-square). */
  chiSquare: TestResult;
  /** Only for a binary feature (two categories over both sides); success = the later category in sort order. */
  twoProportionZ?: TestResult;
}

export type FeatureMetrics = NumericMetrics | CategoricalMetrics;

/**
 * Every numeric metric from the two ascending samples (both non-empty). Histogram distances
 * use `bins` quantile bins of the reference; the sample tests reuse the same sorted arrays.
 */
export function numericMetrics(refSorted: Float64Array, curSorted: Float64Array, bins = 10, binned: NumericBins = numericBins(refSorted, curSorted, bins)): NumericMetrics {
  const { reference: ref, current: cur } = binned;
  const ks = ks2samp(refSorted, curSorted);
  // Wasserstein and energy distance walk the same merge: once for both.
  const cdf = cdfDistanceIntegrals(refSorted, curSorted, 'numericMetrics');
  return {
    ...histogramMetrics(ref, cur),
    wasserstein: normaliseWasserstein(cdf.p1, refSorted),
    energy: energyOfIntegral(cdf.p2),
    ks: { statistic: ks.statistic, pValue: ks.pValue, method: ks.method },
    andersonDarling: andersonDarlingOrNull(refSorted, curSorted),
    cramerVonMises: testResult(cramerVonMises2(refSorted, curSorted)),
    mannWhitney: testResult(mannWhitneyU(refSorted, curSorted)),
  };
}

/** Both sides counted on `bins` quantile bins of the reference (the bins the histogram distances read). */
export interface NumericBins {
  /** Interior edges: bin 0 is below the first, the last at or above the last edge. */
  edges: number[];
  reference: number[];
  current: number[];
}

export function numericBins(refSorted: Float64Array, curSorted: Float64Array, bins = 10): NumericBins {
  const edges = quantileEdges(refSorted, bins);
  return { edges, reference: numericHistogram(refSorted, edges), current: numericHistogram(curSorted, edges) };
}

/** Every categorical metric from the two count maps (both with at least one valid value). */
export function categoricalMetrics(refCounts: ReadonlyMap<string, number>, curCounts: ReadonlyMap<string, number>): CategoricalMetrics {
  const categories = [...refCounts.keys()].filter((c) => (refCounts.get(c) ?? 0) > 0).sort();
  const ref = categoricalHistogram(refCounts, categories).counts;
  const cur = categoricalHistogram(curCounts, categories).counts;
  const metrics: CategoricalMetrics = { ...histogramMetrics(ref, cur), chiSquare: testResult(chiSquare(refCounts, curCounts)) };
  const binary = binaryProportions(refCounts, curCounts);
  if (binary) metrics.twoProportionZ = testResult(twoProportionZ(binary[0], binary[1], binary[2], binary[3]));
  return metrics;
}

function histogramMetrics(ref: number[], cur: number[]): HistogramMetrics {
  return {
    psi: psi(ref, cur),
    jensenShannon: jensenShannon(ref, cur),
    kullbackLeibler: kullbackLeibler(ref, cur),
    hellinger: hellinger(ref, cur),
    totalVariation: totalVariation(ref, cur),
  };
}

/** [successes ref, n ref, successes cur, n cur] when both sides together hold exactly two categories. */
function binaryProportions(
  refCounts: ReadonlyMap<string, number>,
  curCounts: ReadonlyMap<string, number>,
): [number, number, number, number] | null {
  const seen = new Set<string>();
  for (const m of [refCounts, curCounts]) for (const [k, v] of m) if (v > 0) seen.add(k);
  if (seen.size !== 2) return null;
  const success = [...seen].sort()[1];
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [refCounts.get(success) ?? 0, total(refCounts), curCounts.get(success) ?? 0, total(curCounts)];
}

/** scipy's anderson_ksamp refuses samples with a single distinct value overall; so does ours. */
function andersonDarlingOrNull(refSorted: Float64Array, curSorted: Float64Array): TestResult | null {
  const lo = Math.min(refSorted[0], curSorted[0]);
  const hi = Math.max(refSorted[refSorted.length - 1], curSorted[curSorted.length - 1]);
  if (lo === hi) return null;
  return testResult(andersonDarlingKSample([refSorted, curSorted]));
}

/** Keeps only statistic and p-value: extra fields (critical values…) would bloat every report. */
function testResult(r: TestResult): TestResult {
  return { statistic: r.statistic, pValue: r.pValue };
}
