import { linearQuantile, quantileEdges } from '../binning/quantile-edges';
import { numericHistogram } from '../binning/numeric-histogram';
import { CompensatedSum } from '../distances/compensated-sum.util';
import { populationStd } from '../distances/population-std';
import type { CategoricalColumnData, NumericColumnData } from '../drift/column-data';
import {
  BaselineSpecError,
  type BaselineColumn,
  type BaselineFeatureKind,
  type BaselineFeatureStats,
  type BaselineStats,
} from './baseline-stats';
import { parseFeatureImportance } from './feature-importance';
import { PREDICTION_FEATURE } from './prediction-feature';

export interface BuildBaselineOptions {
  /** Quantile bins of numeric features (B = 10 by default). */
  bins?: number;
  /** Bins of the finer grid kept for streaming KS/Wasserstein approximations; 0 keeps none. */
  fineBins?: number;
  /** `{feature: weight}` as read from JSON; validated by parseFeatureImportance. */
  importance?: unknown;
  /**
   * Kinds decided beforehand for categorical columns: 'categorical' keeps a true/false
   * column categorical, 'boolean' requires it to be one. Others are detected.
   */
  kinds?: ReadonlyMap<string, BaselineFeatureKind>;
  /**
   * The column holding the model's prediction: it becomes the feature PREDICTION_FEATURE
   * (placed last), numeric when its column is, else categorical (a true/false prediction stays
   * categorical, as events' string predictions are). It takes no importance weight.
   */
  prediction?: string;
}

export const DEFAULT_BASELINE_BINS = 10;
export const DEFAULT_FINE_BINS = 100;
const MAX_BINS = 10_000;

const BOOLEAN_TEXT = /^(true|false)$/i;

/**
 * A model's baseline from its training data, one entry per column in the given order.
 *
 * Numeric: edges are `unique(quantile(x, [i/B …]))` over the finite values (±Infinity is
 * dropped first: it would make interpolated quantiles infinite or NaN); bin counts are over
 * every valid value, infinite ones included in the outer bins, so they sum to `count`;
 * min/max/mean/std/median describe the finite values. A categorical column whose every
 * category is true/false (any case) becomes a boolean feature keyed "true"/"false", the
 * keys the streaming side uses for JSON booleans, unless `kinds` says 'categorical'.
 */
export function buildBaseline(columns: readonly BaselineColumn[], options: BuildBaselineOptions = {}): BaselineStats {
  const bins = checkBins('bins', options.bins ?? DEFAULT_BASELINE_BINS, 1);
  const fineBins = checkBins('fineBins', options.fineBins ?? DEFAULT_FINE_BINS, 0);
  if (columns.length === 0) throw new BaselineSpecError('a baseline needs at least one column');
  const names = new Set<string>();
  for (const c of columns) {
    if (c.name === '') throw new BaselineSpecError('a column has an empty name');
    if (names.has(c.name)) throw new BaselineSpecError(`column ${JSON.stringify(c.name)} appears twice`);
    names.add(c.name);
  }
  const rowCount = columns[0].rows;
  const uneven = columns.find((c) => c.rows !== rowCount);
  if (uneven) throw new BaselineSpecError(`column ${JSON.stringify(uneven.name)} has ${uneven.rows} rows, the others ${rowCount}`);
  if (rowCount === 0) throw new BaselineSpecError('the data has no rows');

  const prediction = options.prediction;
  if (prediction !== undefined && !names.has(prediction)) {
    throw new BaselineSpecError(`the prediction column ${JSON.stringify(prediction)} is not in the data`);
  }
  if (names.has(PREDICTION_FEATURE) && prediction !== PREDICTION_FEATURE) {
    throw new BaselineSpecError(
      `column ${JSON.stringify(PREDICTION_FEATURE)}: the name is reserved for the model's prediction (rename the column, or name it as the prediction column)`,
    );
  }
  const featureNames = [...names].filter((n) => n !== prediction);
  const importance =
    options.importance === undefined ? new Map<string, number>() : parseFeatureImportance(options.importance, featureNames);
  const typeErrors: Record<string, number> = {};
  const features: BaselineFeatureStats[] = [];
  let predictionFeature: BaselineFeatureStats | undefined;
  for (const column of columns) {
    if (column.typeErrors > 0) typeErrors[column.name] = column.typeErrors;
    if (column.name === prediction) {
      // Events carry a prediction as a number or a class name, never a boolean.
      const kind = options.kinds?.get(column.name) === 'numeric' ? 'numeric' : 'categorical';
      const built = column.kind === 'numeric' ? numericFeature(column, bins, fineBins, null) : categoricalFeature(column, null, kind);
      predictionFeature = { ...built, name: PREDICTION_FEATURE };
      continue;
    }
    const weight = importance.get(column.name) ?? null;
    features.push(
      column.kind === 'numeric'
        ? numericFeature(column, bins, fineBins, weight)
        : categoricalFeature(column, weight, options.kinds?.get(column.name)),
    );
  }
  if (predictionFeature) features.push(predictionFeature);
  return { rowCount, features, typeErrors };
}

function checkBins(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least || value > MAX_BINS) {
    throw new BaselineSpecError(`${name} must be an integer from ${least} to ${MAX_BINS}, got ${value}`);
  }
  return value;
}

function numericFeature(column: NumericColumnData & { name: string }, bins: number, fineBins: number, importance: number | null): BaselineFeatureStats {
  const sorted = column.sorted;
  const finite = finitePart(sorted);
  const edges = quantileEdges(finite, bins);
  const fineEdges = fineBins > 0 ? quantileEdges(finite, fineBins) : [];
  const n = finite.length;
  return {
    name: column.name,
    kind: 'numeric',
    edges,
    binCounts: numericHistogram(sorted, edges),
    fineEdges,
    fineCounts: fineBins > 0 ? numericHistogram(sorted, fineEdges) : [],
    categories: {},
    count: sorted.length,
    missing: column.missing,
    min: n > 0 ? finite[0] : null,
    max: n > 0 ? finite[n - 1] : null,
    mean: n > 0 ? mean(finite) : null,
    std: n > 0 ? populationStd(finite) : null,
    median: n > 0 ? median(finite) : null,
    importance,
  };
}

function categoricalFeature(
  column: CategoricalColumnData & { name: string },
  importance: number | null,
  kind: BaselineFeatureKind | undefined,
): BaselineFeatureStats {
  const keys = [...column.counts.keys()].filter((k) => (column.counts.get(k) ?? 0) > 0);
  const booleanText = keys.every((k) => BOOLEAN_TEXT.test(k));
  if (kind === 'boolean' && !booleanText) {
    const other = keys.find((k) => !BOOLEAN_TEXT.test(k));
    throw new BaselineSpecError(`column ${JSON.stringify(column.name)} is boolean but holds ${JSON.stringify(other)}`);
  }
  if (kind === 'numeric') throw new BaselineSpecError(`column ${JSON.stringify(column.name)} was read as categorical, not numeric`);
  const boolean = kind === 'boolean' || (kind === undefined && keys.length > 0 && booleanText);
  // Prototype-less, so a category named "__proto__" is an ordinary key.
  const categories = Object.create(null) as Record<string, number>;
  let count = 0;
  for (const [raw, n] of column.counts) {
    if (n === 0) continue;
    const key = boolean ? raw.toLowerCase() : raw;
    categories[key] = (categories[key] ?? 0) + n;
    count += n;
  }
  return {
    name: column.name,
    kind: boolean ? 'boolean' : 'categorical',
    edges: [],
    binCounts: [],
    fineEdges: [],
    fineCounts: [],
    categories,
    count,
    missing: column.missing,
    min: null,
    max: null,
    mean: null,
    std: null,
    median: null,
    importance,
  };
}

/** The finite values of an ascending sample: infinities can only sit at its two ends. */
function finitePart(sorted: Float64Array): Float64Array {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && sorted[lo] === -Infinity) lo++;
  while (hi > lo && sorted[hi - 1] === Infinity) hi--;
  return sorted.subarray(lo, hi);
}

function mean(values: Float64Array): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < values.length; i++) sum.add(values[i]);
  return sum.value / values.length;
}

/** `np.median`: the middle value, or the mean of the two middle ones. */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >>> 1;
  if (n % 2 === 1) return sorted[mid];
  // numpy averages as (a + b) / 2; linearQuantile(·, 0.5) may differ in the last bit.
  const a = sorted[mid - 1];
  const b = sorted[mid];
  return Number.isFinite(a + b) ? (a + b) / 2 : linearQuantile(sorted, 0.5);
}
