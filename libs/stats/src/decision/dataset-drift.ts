/** Dataset drift when at least this share of the features drifted. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

export interface DatasetDrift {
  detected: boolean;
  /** Drifted features / counted features (0 when none is counted). */
  share: number;
  threshold: number;
  drifted: number;
  features: number;
}

/**
 * The dataset verdict from the per-feature verdicts the caller counts (which features count
 * is the caller's choice: all compared ones, or only those the rule could decide). With
 * nothing counted there is no evidence of drift, whatever the threshold.
 */
export function datasetDrift(drifted: readonly boolean[], threshold: number = DEFAULT_DATASET_DRIFT_SHARE): DatasetDrift {
  const count = drifted.filter(Boolean).length;
  const share = drifted.length === 0 ? 0 : count / drifted.length;
  return { detected: drifted.length > 0 && share >= threshold, share, threshold, drifted: count, features: drifted.length };
}
