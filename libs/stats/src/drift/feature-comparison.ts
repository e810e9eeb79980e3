import type { ColumnKind, Correction, DriftMethod } from '../decision';
import type { FeatureMetrics } from './feature-metrics';

/** The correction as the CLI's JSON document names it: scripts already read "bh" there. */
export type ReportedCorrection = 'bonferroni' | 'bh';

export function reportedCorrection(correction: Exclude<Correction, 'none'>): ReportedCorrection {
  return correction === 'benjamini-hochberg' ? 'bh' : correction;
}

/** The drift decision of one feature. */
export interface FeatureDrift {
  detected: boolean;
  method: DriftMethod;
  /** The decision value: a distance, or a p-value (adjusted when a correction applied). null: no value. */
  value: number | null;
  threshold: number;
  /** Present when a multiple-testing correction adjusted this feature's p-value. */
  correction?: ReportedCorrection;
  /** The p-value before the correction. */
  unadjustedPValue?: number;
}

/**
 * The per-feature report of `driftwatch compare` (and of any other batch comparison).
 * Shares are fractions of the side's rows; infinite metric values serialise to JSON null.
 */
export interface FeatureComparison {
  name: string;
  kind: ColumnKind;
  missing: { reference: number; current: number };
  typeErrors: { reference: number; current: number };
  /** Numeric only: share of current valid values outside the reference's [min, max]; null without values. */
  outOfRange?: number | null;
  /** Categorical only: current categories unseen in the reference, with their counts (largest first). */
  newCategories?: Record<string, number>;
  metrics: FeatureMetrics | null;
  /**
   * Both sides' histograms, for pictures (`compare --format html`): numeric on the bins the
   * histogram distances use, categorical per category. Absent when `metrics` is null.
   */
  histogram?: ComparedHistogram;
  /** Why `metrics` is null. */
  reason?: string;
  drift: FeatureDrift;
}

/** Categories drawn one by one in a compared histogram; the rest are summed into `other`. */
export const HISTOGRAM_MAX_CATEGORIES = 50;

export type ComparedHistogram =
  | { kind: 'numeric'; edges: number[]; reference: number[]; current: number[] }
  | {
      kind: 'categorical';
      /** The most frequent categories over both sides (at most HISTOGRAM_MAX_CATEGORIES), largest first. */
      categories: string[];
      reference: number[];
      current: number[];
      /** Counts of the categories left out. */
      other: { reference: number; current: number };
    };
