import type { PerformanceTask, Severity } from '@driftwatch/contracts';
import { HISTOGRAM_METHODS, methodFits, type Correction, type HistogramMethod } from '@driftwatch/stats';

export { CORRECTIONS, type Correction } from '@driftwatch/stats';

/** A window keeps histograms, not values: a policy may name only the methods computable from them. */
export const STREAMING_METHODS = HISTOGRAM_METHODS;
export type StreamingMethod = HistogramMethod;

export const NUMERIC_METHODS: readonly StreamingMethod[] = STREAMING_METHODS.filter((m) => methodFits(m, 'numeric'));
/** `drift.categorical` judges boolean features too, so it takes the boolean-only methods. */
export const CATEGORICAL_METHODS: readonly StreamingMethod[] = STREAMING_METHODS.filter((m) => methodFits(m, 'categorical') || methodFits(m, 'boolean'));

/**
 * How one kind of feature is judged. `method: 'auto'` is the default decision (≤ 1000
 * baseline rows: KS / chi-square p-values at 0.05; more: Wasserstein / Jensen–Shannon at 0.1).
 * `threshold` decides drift (it is the warning level); `critical` the critical level. null:
 * derived from the method (see resolveDriftRule).
 */
export interface DriftRulePolicy {
  method: 'auto' | StreamingMethod;
  threshold: number | null;
  critical: number | null;
}

/** Per-feature overrides; anything left out comes from the model-level sections. */
export interface FeaturePolicy {
  method?: StreamingMethod;
  threshold?: number;
  critical?: number;
  /** Replaces the baseline's importance for this feature (raw weight, normalised with the others). */
  importance?: number;
  /** Not evaluated at all: no metrics, no findings. */
  ignore?: boolean;
}

/** The streaming detectors the pipeline can run on a model's error stream (River 0.26 ports). */
export const PERFORMANCE_DETECTORS = ['adwin', 'ddm', 'eddm', 'hddmA', 'hddmW', 'kswin', 'pageHinkley'] as const;
export type PerformanceDetectorName = (typeof PERFORMANCE_DETECTORS)[number];

/** One detector the pipeline runs, with River's parameter names in camelCase (e.g. { delta: 0.002 }). */
export interface PerformanceDetectorPolicy {
  name: PerformanceDetectorName;
  params: Record<string, number>;
  severity: Severity;
  /** The tasks it runs on; absent: every task it fits (the binary detectors never run on regression). */
  tasks?: PerformanceTask[];
}

/**
 * How a model's performance is judged once labels are joined to its predictions
 * (libs/evaluation/README.md documents each default and the simulation behind it).
 */
export interface PerformancePolicy {
  /** 'auto': inferred from the predictions and labels (libs/evaluation performance/task.ts). */
  task: 'auto' | 'binary' | 'multiclass' | 'regression';
  /** The metric watched; 'auto': rocAuc for binary scores, accuracy for classes, rmse for regression. */
  metric: string;
  /**
   * A drop counts when it exceeds this (warning) and is beyond the window's sampling noise.
   * null: the metric's default (absolute 0.05 for accuracy-like metrics, relative 0.1 for error metrics).
   */
  tolerance: number | null;
  /** The critical level on the same scale; null: twice the tolerance. */
  critical: number | null;
  /** Confidence of the interval the drop must clear (e.g. 0.99). */
  confidence: number;
  /** A window (or bucket) is judged only with at least this many labelled predictions … */
  minLabelled: number;
  /** … and at least this share of its predictions labelled. */
  minCoverage: number;
  /**
   * How long after a window's predictions were stored (and after labels past its end) the
   * window waits for its labels before it is judged with the labels it has.
   */
  labelWaitSeconds: number;
  /** Detectors run on the joined error stream in prediction event-time order. */
  detectors: PerformanceDetectorPolicy[];
}

/** What a window's drift is judged against (README "Lagged references"). */
export const REFERENCE_MODES = ['baseline', 'lagged', 'both'] as const;
export type ReferenceMode = (typeof REFERENCE_MODES)[number];

/**
 * The reference a window's drift is judged against. 'baseline': the baseline alone.
 * 'lagged': the stored windows of the same span `lagSeconds` earlier (last week's same hour),
 * when they hold at least `minEvents` events binned on the same baseline; otherwise the
 * baseline. 'both': drift only when the baseline and the lagged reference both say so, so a
 * model whose traffic has a daily or weekly rhythm is not judged drifted every night.
 * Data-quality findings are always judged against the baseline.
 */
export interface ReferencePolicy {
  mode: ReferenceMode;
  lagSeconds: number;
  minEvents: number;
}

/** A model's complete, effective policy: the defaults with the stored overrides merged in. */
export interface Policy {
  /** Windows with fewer events are not judged (`judged: false`), except for silence. */
  minWindowEvents: number;
  drift: {
    numeric: DriftRulePolicy;
    categorical: DriftRulePolicy;
    /**
     * Target false incidents per model per 30 days from clean data (default 1). Converted per
     * window into a per-feature level α (libs/stats perFeatureAlpha: the window's length,
     * alerting.openAfter, the number of judged features, Bonferroni): a distance signals drift
     * only beyond the (1 − α) quantile of the distance a clean window of its size shows against
     * the baseline, a p-value only at or below α. Replaces the flat `minEvents`. null: no
     * calibration, the thresholds alone decide (the rule of `driftwatch compare`, which judges
     * one batch, not a stream).
     */
    falseAlarmRate: number | null;
    /**
     * Categories kept per categorical feature and window (default 1000, 10 … 10000): the
     * aggregator stores the top K by count plus `__other__` with the rest, and the evaluator caps
     * summed rollups the same way. A window with `__other__` is compared on its kept categories
     * plus one bucket for everything else, the baseline folded the same way; only kept
     * categories can be reported as new.
     */
    maxCategories: number;
  };
  importance: {
    /** A feature is "top" when its normalised importance (weights / their sum) is at least this. */
    critical: number;
    /**
     * Highest severity of data_drift and missing_feature findings on a feature that is not
     * top, when importance is known: 'warning' makes "a drifted minor feature" a warning.
     */
    minorMaxSeverity: Severity;
  };
  missing: { increase: number; critical: number };
  newCategory: { share: number; critical: number };
  typeErrors: { rate: number; critical: number };
  outOfRange: { share: number; critical: number; ratio: number };
  schema: { unknownSeverity: Severity; vanishedSeverity: Severity };
  dataset: { share: number; correction: Correction; severity: Severity };
  silence: { minEvents: number; afterWindows: number; severity: Severity };
  alerting: { openAfter: number; resolveAfter: number; cooldownSeconds: number };
  rollup: { enabled: boolean; bucketSeconds: number };
  reference: ReferencePolicy;
  performance: PerformancePolicy;
  features: Record<string, FeaturePolicy>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What a user stores (PUT /api/models/{model}/policy): any subset of Policy. */
export type PolicyOverrides = DeepPartial<Omit<Policy, 'features'>> & { features?: Record<string, FeaturePolicy> };
