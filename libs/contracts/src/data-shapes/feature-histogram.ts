/**
 * A feature's histogram summed over all deltas of a window (or of a rollup bucket), as the
 * store returns it and the evaluator judges it.
 *
 * Every observation of the feature falls in exactly one of `count`, `missing` and
 * `typeErrors`, so their sum is the number of observations. `count` deliberately leaves
 * the other two out: it is the denominator of the shares the evaluator computes from the
 * bins (and the same meaning as `BaselineFeature.count`). libs/stats' `FeatureTally` is the
 * accumulator the aggregator fills; it counts all observations, under a different name.
 */
export interface FeatureHistogram {
  readonly feature: string;
  /** The baseline whose edges `bins` refer to; '' when the model had none. */
  readonly baselineId: string;
  /**
   * Valid values: those of the baseline's kind, which are the ones in `bins` or
   * `categories`. For a feature the baseline does not have there is no kind to check
   * against, so every present (non-null) value counts and `typeErrors` stays 0.
   */
  readonly count: number;
  /** Null or absent (NaN included). */
  readonly missing: number;
  /** Present with the wrong kind; in no bin. */
  readonly typeErrors: number;
  /** Counts per baseline bin (numeric), `edges.length + 1` entries; empty otherwise. */
  readonly bins: number[];
  /** Counts per bin of the baseline's fine grid (numeric); empty without one. */
  readonly fineBins: number[];
  /** Counts per category seen, including categories unseen in the baseline. */
  readonly categories: Record<string, number>;
  readonly outOfRangeLow: number;
  readonly outOfRangeHigh: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly sum: number;
  readonly sumSq: number;
}
