import { correctDecisions, datasetDrift, parseCorrection, type ColumnKind, type Correction, type CorrectionAlias, type DatasetDrift } from '../decision';
import type { ColumnData } from './column-data';
import { compareFeature } from './compare-feature';
import { reportedCorrection, type FeatureComparison } from './feature-comparison';
import { resolveDriftRule, validateOverrides, type ThresholdOverride } from './threshold-override';

export interface FeaturePair {
  name: string;
  reference: ColumnData;
  current: ColumnData;
}

export interface CompareDatasetOptions {
  /** Rows of the reference dataset: picks the default decision (<= 1000: tests, else distances). */
  referenceRows: number;
  bins?: number;
  overrides?: readonly ThresholdOverride[];
  correction?: Correction | CorrectionAlias;
  /** Dataset drift when the share of drifted features is >= this (default 0.5). */
  datasetDriftShare?: number;
}

export interface DatasetComparison {
  features: FeatureComparison[];
  datasetDrift: DatasetDrift;
}

/**
 * Compares every feature and decides dataset drift. A multiple-testing correction (see
 * correctDecisions) decides the features again: a batch report answers "which features
 * drifted", so the corrected verdict is the feature's verdict. The report keeps the adjusted
 * value in `drift.value` and the raw one in `drift.unadjustedPValue`. Every compared feature
 * counts in the dataset share, a feature without data as not drifted.
 */
export function compareDataset(pairs: readonly FeaturePair[], options: CompareDatasetOptions): DatasetComparison {
  const overrides = options.overrides ?? [];
  validateOverrides(overrides, new Map<string, ColumnKind>(pairs.map((p) => [p.name, p.reference.kind])));
  const features = pairs.map((p) =>
    compareFeature(p.name, p.reference, p.current, {
      rule: resolveDriftRule(p.name, p.reference.kind, options.referenceRows, overrides),
      bins: options.bins,
    }),
  );
  applyCorrection(features, options.correction ?? 'none');
  return { features, datasetDrift: datasetDrift(features.map((f) => f.drift.detected), options.datasetDriftShare) };
}

/** Decides, in place, the p-value decisions of `features` again as one family (see compareDataset). */
export function applyCorrection(features: FeatureComparison[], correction: Correction | CorrectionAlias): void {
  const canonical = parseCorrection(correction) ?? 'none';
  if (canonical === 'none') return;
  const corrected = correctDecisions(features.map((f) => f.drift), canonical);
  features.forEach((f, i) => {
    const c = corrected[i];
    if (c.unadjustedPValue === undefined) return;
    f.drift = {
      detected: c.detected,
      method: f.drift.method,
      value: c.value,
      threshold: f.drift.threshold,
      correction: reportedCorrection(canonical),
      unadjustedPValue: c.unadjustedPValue,
    };
  });
}
