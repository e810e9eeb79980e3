import type { DriftMethod, ColumnKind } from './drift-method';

/** A baseline up to this many rows is "small": the default decision then uses a test's p-value. */
export const SMALL_BASELINE_MAX_ROWS = 1000;
/** Dataset drift when at least this share of the features drifted. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

export interface DriftRule {
  method: DriftMethod;
  threshold: number;
}

/**
 * The default decision (docs/architecture.md): with a baseline of <= 1000 rows
 * numeric -> KS p <= 0.05, categorical -> chi-square p < 0.05; with more rows numeric -> normalised Wasserstein >= 0.1,
 * categorical -> Jensen–Shannon >= 0.1. `referenceRows` counts the baseline's rows (the
 * dataset's, as Evidently does), not one feature's non-missing values.
 */
export function defaultDriftRule(kind: ColumnKind, referenceRows: number): DriftRule {
  const small = referenceRows <= SMALL_BASELINE_MAX_ROWS;
  if (kind === 'numeric') return small ? { method: 'ks', threshold: 0.05 } : { method: 'wasserstein', threshold: 0.1 };
  return small ? { method: 'chiSquare', threshold: 0.05 } : { method: 'jensenShannon', threshold: 0.1 };
}
