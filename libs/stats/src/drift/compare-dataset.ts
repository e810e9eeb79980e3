import { correctDecisions, datasetDrift, parseCorrection, type ColumnKind, type Correction, type CorrectionAlias, type DatasetDrift, type DriftRule } from '../decision';
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
  const rules = datasetDriftRules(pairs.map((p) => ({ name: p.name, kind: p.reference.kind })), options);
  const features = pairs.map((p, i) => compareFeature(p.name, p.reference, p.current, { rule: rules[i], bins: options.bins }));
  return concludeDataset(features, options);
}

/**
 * compareDataset's first step on its own, for a caller computing the features elsewhere (for
 * example on worker threads): checks the overrides against the features' kinds and returns the
 * rule deciding each feature, in order.
 */
export function datasetDriftRules(features: readonly { name: string; kind: ColumnKind }[], options: CompareDatasetOptions): DriftRule[] {
  const overrides = options.overrides ?? [];
  validateOverrides(overrides, new Map<string, ColumnKind>(features.map((f) => [f.name, f.kind])));
  return features.map((f) => resolveDriftRule(f.name, f.kind, options.referenceRows, overrides));
}

/** compareDataset's last step: the correction over the compared features (in place) and the dataset verdict. */
export function concludeDataset(features: FeatureComparison[], options: CompareDatasetOptions): DatasetComparison {
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
