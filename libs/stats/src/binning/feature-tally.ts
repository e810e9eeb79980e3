import { numericBinIndex } from './numeric-histogram';
import { saturatingAdd } from './saturating-sum';

/**
 * How one feature is binned, fixed by the baseline so every window is comparable.
 * - numeric: interior `edges` (see quantileEdges) and the baseline's observed `min`/`max`,
 *   which define out-of-range values.
 * - categorical / boolean: the baseline's `categories` in a fixed order; one extra bucket
 *   collects every category the baseline never saw. Boolean values are keyed "true"/"false".
 */
export type FeatureBinSpec = NumericBinSpec | CategoricalBinSpec;

export interface NumericBinSpec {
  kind: 'numeric';
  edges: readonly number[];
  min: number;
  max: number;
}

export interface CategoricalBinSpec {
  kind: 'categorical' | 'boolean';
  categories: readonly string[];
}

/**
 * Mergeable tally of one feature's observations in one batch (or window), binned against a
 * spec. Every field is a sum, a min or a max over observations, so tallies of disjoint batches
 * merge exactly: `mergeFeatureTallies(t(A), t(B))` equals `t(A ∪ B)` (sum and sumSq up to
 * float rounding).
 *
 * Not contracts' `FeatureHistogram`, whose `count` is valid values only: a tally counts every
 * observation as it arrives, so its total is named `observations` (tallyValidCount converts).
 *
 * - `observations`: observations of the feature, all of them: valid + missing + typeErrors.
 *   (An event without the feature counts as an observation with a missing value.)
 * - `missing`: observations whose value is missing (null/absent; NaN; in text sources an
 *   empty cell or a missing token, see isMissingToken).
 * - `typeErrors`: observations whose value has the wrong kind for the feature
 *   (see classifyValue); they are in no bin.
 * - `bins`: counts of valid values per bin. Numeric: `edges.length + 1` bins, bin i =
 *   numericBinIndex(edges, x). Categorical/boolean: `categories.length + 1` bins, the last
 *   one holding all categories unseen in the baseline. Σ bins = valid values.
 * - `categories`: categorical/boolean only, raw count per observed category (baseline and
 *   unseen alike), so chi-square over the union of categories and the list of new
 *   categories can be computed after merging. Unbounded for high-cardinality features:
 *   a store may cap it, but then merge is no longer exact for the capped tail.
 * - `min`, `max`: extremes of the valid numeric values; null while there is none
 *   (null rather than ±Infinity so the record survives JSON).
 * - `sum`, `sumSq`: Σx and Σx² of valid numeric values (mean and variance for reports),
 *   clamped to ±SATURATED_SUM on overflow (saturating-sum.ts).
 * - `outOfRangeLow`, `outOfRangeHigh`: valid numeric values strictly below the baseline's
 *   min / strictly above its max.
 */
export interface FeatureTally {
  observations: number;
  missing: number;
  typeErrors: number;
  bins: number[];
  categories?: Record<string, number>;
  min: number | null;
  max: number | null;
  sum: number;
  sumSq: number;
  outOfRangeLow: number;
  outOfRangeHigh: number;
}

/** The neutral element of mergeFeatureTallies for a given spec. */
export function emptyFeatureTally(spec: FeatureBinSpec): FeatureTally {
  const binCount = spec.kind === 'numeric' ? spec.edges.length + 1 : spec.categories.length + 1;
  const h: FeatureTally = {
    observations: 0,
    missing: 0,
    typeErrors: 0,
    bins: new Array<number>(binCount).fill(0),
    min: null,
    max: null,
    sum: 0,
    sumSq: 0,
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
  };
  if (spec.kind !== 'numeric') h.categories = emptyCounts();
  return h;
}

/** Number of valid (binned) values: what contracts' `FeatureHistogram.count` holds. */
export function tallyValidCount(h: FeatureTally): number {
  return h.observations - h.missing - h.typeErrors;
}

export function addMissing(h: FeatureTally, times = 1): void {
  h.observations += times;
  h.missing += times;
}

export function addTypeError(h: FeatureTally, times = 1): void {
  h.observations += times;
  h.typeErrors += times;
}

/** Adds one valid numeric value (not NaN: NaN is missing, use addMissing). Mutates `h`. */
export function addNumericValue(h: FeatureTally, spec: NumericBinSpec, x: number): void {
  if (x !== x) throw new RangeError('addNumericValue: NaN is a missing value, record it with addMissing');
  h.observations++;
  h.bins[numericBinIndex(spec.edges, x)]++;
  if (h.min === null || x < h.min) h.min = x;
  if (h.max === null || x > h.max) h.max = x;
  h.sum = saturatingAdd(h.sum, x);
  h.sumSq = saturatingAdd(h.sumSq, x * x);
  if (x < spec.min) h.outOfRangeLow++;
  else if (x > spec.max) h.outOfRangeHigh++;
}

/** Adds one valid category (for boolean features "true"/"false", see categoryKey). Mutates `h`. */
export function addCategoryValue(h: FeatureTally, spec: CategoricalBinSpec, category: string, times = 1): void {
  h.observations += times;
  const i = categoryIndex(spec).get(category);
  h.bins[i === undefined ? spec.categories.length : i] += times;
  const categories = (h.categories ??= emptyCounts());
  categories[category] = (categories[category] ?? 0) + times;
}

const categoryIndexCache = new WeakMap<readonly string[], Map<string, number>>();

function categoryIndex(spec: CategoricalBinSpec): Map<string, number> {
  let index = categoryIndexCache.get(spec.categories);
  if (index === undefined) {
    index = new Map(spec.categories.map((c, i) => [c, i]));
    categoryIndexCache.set(spec.categories, index);
  }
  return index;
}

/**
 * Tally of the union of the two batches summarised by `a` and `b` (which must have
 * been built with the same spec). Returns a new object; the inputs are not modified.
 */
export function mergeFeatureTallies(a: FeatureTally, b: FeatureTally): FeatureTally {
  if (a.bins.length !== b.bins.length) {
    throw new RangeError(
      `mergeFeatureTallies: bin counts differ (${a.bins.length} vs ${b.bins.length}); tallies of different baselines cannot be merged`,
    );
  }
  const merged: FeatureTally = {
    observations: a.observations + b.observations,
    missing: a.missing + b.missing,
    typeErrors: a.typeErrors + b.typeErrors,
    bins: a.bins.map((c, i) => c + b.bins[i]),
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
    sum: saturatingAdd(a.sum, b.sum),
    sumSq: saturatingAdd(a.sumSq, b.sumSq),
    outOfRangeLow: a.outOfRangeLow + b.outOfRangeLow,
    outOfRangeHigh: a.outOfRangeHigh + b.outOfRangeHigh,
  };
  if (a.categories !== undefined || b.categories !== undefined) {
    const categories = emptyCounts();
    for (const source of [a.categories, b.categories]) {
      for (const [k, v] of Object.entries(source ?? {})) categories[k] = (categories[k] ?? 0) + v;
    }
    merged.categories = categories;
  }
  return merged;
}

/** A prototype-less record, so a category named "__proto__" or "constructor" is just a key. */
function emptyCounts(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}
