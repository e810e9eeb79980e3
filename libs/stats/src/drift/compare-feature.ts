import { categoricalHistogram } from '../binning';
import { missingRate, outOfRangeShare } from '../quality';
import { columnValidCount, type ColumnData } from './column-data';
import { exceedsThreshold, isPValueMethod, type DriftMethod, type DriftRule } from '../decision';
import { HISTOGRAM_MAX_CATEGORIES, type ComparedHistogram, type FeatureComparison, type FeatureDrift } from './feature-comparison';
import { categoricalMetrics, numericBins, numericMetrics, type FeatureMetrics } from './feature-metrics';

export interface CompareFeatureOptions {
  /** How the feature is decided (see resolveDriftRule). */
  rule: DriftRule;
  /** Quantile bins for the numeric histogram distances (default 10). */
  bins?: number;
}

/**
 * Compares one feature's reference and current data: quality figures, every metric and the
 * drift decision on the unadjusted value. A side without any valid value is reported with
 * `metrics: null`, a `reason` and no drift, so an empty column never aborts a comparison.
 */
export function compareFeature(name: string, reference: ColumnData, current: ColumnData, options: CompareFeatureOptions): FeatureComparison {
  if (reference.kind !== current.kind) {
    throw new RangeError(`compareFeature: ${name} is ${reference.kind} in the reference but ${current.kind} in the current data`);
  }
  const out: FeatureComparison = {
    name,
    kind: reference.kind,
    missing: { reference: missingRate(reference.missing, reference.rows), current: missingRate(current.missing, current.rows) },
    typeErrors: { reference: reference.typeErrors, current: current.typeErrors },
    metrics: null,
    drift: { detected: false, method: options.rule.method, value: null, threshold: options.rule.threshold },
  };
  const refValid = columnValidCount(reference);
  const curValid = columnValidCount(current);
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    out.outOfRange =
      refValid > 0 && curValid > 0
        ? outOfRangeShare(current.sorted, reference.sorted[0], reference.sorted[reference.sorted.length - 1])
        : null;
  } else if (reference.kind === 'categorical' && current.kind === 'categorical') {
    const categories = [...reference.counts].filter(([, c]) => c > 0).map(([k]) => k);
    const unseen = categoricalHistogram(current.counts, categories).unseen;
    out.newCategories = Object.fromEntries([...unseen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  }
  if (refValid === 0 || curValid === 0) {
    out.reason = `no valid values in the ${refValid === 0 ? 'reference' : 'current'} data`;
    return out;
  }
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    const binned = numericBins(reference.sorted, current.sorted, options.bins);
    out.metrics = numericMetrics(reference.sorted, current.sorted, options.bins, binned);
    out.histogram = { kind: 'numeric', ...binned };
  } else {
    const refCounts = (reference as { counts: ReadonlyMap<string, number> }).counts;
    const curCounts = (current as { counts: ReadonlyMap<string, number> }).counts;
    out.metrics = categoricalMetrics(refCounts, curCounts);
    out.histogram = categoryHistogram(refCounts, curCounts);
  }
  out.drift = decide(options.rule, decisionValue(out.metrics, options.rule.method));
  return out;
}

/** The value a method's decision reads from the metrics: a distance, or a test's p-value; null when absent. */
export function decisionValue(metrics: FeatureMetrics | null, method: DriftMethod): number | null {
  if (metrics === null) return null;
  const entry = (metrics as unknown as Record<string, unknown>)[method];
  if (entry === undefined || entry === null) return null;
  if (isPValueMethod(method)) return (entry as { pValue: number }).pValue;
  return entry as number;
}

export function decide(rule: DriftRule, value: number | null): FeatureDrift {
  return {
    detected: exceedsThreshold(rule.method, value, rule.threshold),
    method: rule.method,
    value,
    threshold: rule.threshold,
  };
}

/** Both sides per category, the most frequent (by the larger of the two shares) first; the tail summed. */
export function categoryHistogram(reference: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, max = HISTOGRAM_MAX_CATEGORIES): ComparedHistogram {
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) || 1;
  const refTotal = total(reference);
  const curTotal = total(current);
  const weight = (c: string) => Math.max((reference.get(c) ?? 0) / refTotal, (current.get(c) ?? 0) / curTotal);
  const all = [...new Set([...reference.keys(), ...current.keys()])].filter((c) => (reference.get(c) ?? 0) > 0 || (current.get(c) ?? 0) > 0);
  all.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
  const categories = all.slice(0, max);
  const rest = all.slice(max);
  const count = (m: ReadonlyMap<string, number>, cs: string[]) => cs.reduce((n, c) => n + (m.get(c) ?? 0), 0);
  return {
    kind: 'categorical',
    categories,
    reference: categories.map((c) => reference.get(c) ?? 0),
    current: categories.map((c) => current.get(c) ?? 0),
    other: { reference: count(reference, rest), current: count(current, rest) },
  };
}
