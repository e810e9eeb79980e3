import type { FeatureHistogram } from './feature-histogram';

// What the aggregator hands the store for one flush: additive rows that sum to a window's
// histograms. Here rather than in the store so that the pure libraries producing them need none.

/**
 * One feature's additive contribution to one window (see migration 0001): the same fields as
 * the summed `FeatureHistogram`, so `count` and the rest mean the same before and after the sum.
 */
export interface WindowFeatureDelta extends Omit<FeatureHistogram, 'bins' | 'fineBins' | 'categories'> {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch milliseconds, start inclusive, end exclusive. */
  readonly windowStart: number;
  readonly windowEnd: number;
  // Read-only, with `fineBins` optional: the store only reads what a writer hands over, and a
  // writer without a fine grid may leave it out (stored as empty).
  readonly bins: readonly number[];
  readonly fineBins?: readonly number[];
  readonly categories: Readonly<Record<string, number>>;
}

/** Value kinds seen for one feature in one window where the baseline cannot account for them. */
export interface FeatureKindDelta {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly feature: string;
  /** The baseline the window was binned against; '' without one. */
  readonly baselineId: string;
  /** False for a feature the baseline does not have (every feature of a model without one). */
  readonly inBaseline: boolean;
  /** Count per JSON value kind: number, string, boolean, other. */
  readonly kinds: Readonly<Record<string, number>>;
}
