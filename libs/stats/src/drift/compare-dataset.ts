import { benjaminiHochberg, bonferroni } from '../hypothesis';
import type { ColumnData } from './column-data';
import { DEFAULT_DATASET_DRIFT_SHARE } from './default-drift-rule';
import { exceedsThreshold, isPValueMethod, type ColumnKind } from './drift-method';
import { compareFeature } from './compare-feature';
import type { Correction, FeatureComparison } from './feature-comparison';
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
  correction?: Correction;
  /** Dataset drift when the share of drifted features is >= this (default 0.5). */
  datasetDriftShare?: number;
}

export interface DatasetDrift {
  detected: boolean;
  /** Drifted features / all compared features (0 when there is none). */
  share: number;
  threshold: number;
  drifted: number;
  features: number;
}

export interface DatasetComparison {
  features: FeatureComparison[];
  datasetDrift: DatasetDrift;
}

/**
 * Compares every feature and decides dataset drift.
 *
 * Multiple-testing correction: the features whose decision method is a p-value test and that
 * produced a p-value form one family of m tests (features decided by a distance, and features
 * without data, are not part of it). Their p-values, in feature order, are adjusted together —
 * Bonferroni: min(1, m·p); BH: Benjamini–Hochberg step-up adjusted p-values — and each feature
 * then compares its adjusted p-value with its own threshold and method's comparison. The
 * report keeps the adjusted value in `drift.value` and the raw one in `drift.unadjustedPValue`.
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
  const threshold = options.datasetDriftShare ?? DEFAULT_DATASET_DRIFT_SHARE;
  const drifted = features.filter((f) => f.drift.detected).length;
  const share = features.length === 0 ? 0 : drifted / features.length;
  return {
    features,
    datasetDrift: { detected: features.length > 0 && share >= threshold, share, threshold, drifted, features: features.length },
  };
}

/** Adjusts, in place, the p-value decisions of `features` as one family (see compareDataset). */
export function applyCorrection(features: FeatureComparison[], correction: Correction): void {
  if (correction === 'none') return;
  const family = features.filter((f) => isPValueMethod(f.drift.method) && f.drift.value !== null && !Number.isNaN(f.drift.value));
  if (family.length === 0) return;
  const raw = family.map((f) => f.drift.value as number);
  const adjusted = correction === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
  family.forEach((f, i) => {
    f.drift = {
      detected: exceedsThreshold(f.drift.method, adjusted[i], f.drift.threshold),
      method: f.drift.method,
      value: adjusted[i],
      threshold: f.drift.threshold,
      correction,
      unadjustedPValue: raw[i],
    };
  });
}
