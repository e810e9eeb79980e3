import type { PredictionKind } from './prediction-row';

/**
 * Model performance: what the labelled predictions of a baseline, a window or a rollup bucket
 * say about the model. Shared by the baseline (its own metrics, from `--target-column`), the
 * evaluator's per-window judgement and the API.
 */

/** What the model does, inferred from the predictions and labels (or set by the policy). */
export type PerformanceTask = 'binary' | 'multiclass' | 'regression';

/**
 * Flat metric names. Classification: accuracy, precision, recall, f1 (binary: of the positive
 * class; multi-class: macro), macroPrecision, macroRecall, macroF1, rocAuc, averagePrecision,
 * logLoss, brier, ece. Regression: mae, rmse, mape, r2, absErrorP50, absErrorP90, absErrorP99.
 * A metric that is undefined for the data (e.g. ROC AUC with one class) is null.
 */
export type PerformanceMetrics = Record<string, number | null>;

/** The metrics of one set of labelled predictions. */
export interface PerformanceSnapshot {
  readonly task: PerformanceTask;
  /** Binary tasks: the class the score is the probability of; null otherwise. */
  readonly positiveClass: string | null;
  /** Every class seen (classification), sorted; empty for regression. */
  readonly classes: readonly string[];
  /** Predictions that had a label (the pairs the metrics were computed from). */
  readonly labelled: number;
  readonly metrics: PerformanceMetrics;
}

/** Confidence interval of the watched metric in a window. */
export interface MetricInterval {
  readonly low: number;
  readonly high: number;
  /** e.g. 0.99 */
  readonly confidence: number;
  /** e.g. 'wilson', 'delong', 'bootstrap', 'normal' */
  readonly method: string;
}

/** What a performance evaluation carries beside its findings (EvaluationMessage.performance). */
export interface PerformanceEvidence {
  readonly task: PerformanceTask;
  /** Predictions stored for the window. */
  readonly predicted: number;
  /** Of those, the ones with a label. */
  readonly labelled: number;
  /** labelled / predicted; 0 when nothing was predicted. */
  readonly coverage: number;
  /** The metric the policy watches, its value in the window, and the baseline's. */
  readonly metric: string;
  readonly value: number | null;
  readonly baselineValue: number | null;
  readonly interval: MetricInterval | null;
  /** Every metric of the window. */
  readonly metrics: PerformanceMetrics;
}

/**
 * One stored prediction with the label joined to it (null when no label has arrived):
 * the row the store's join returns and the input of every performance computation.
 */
export interface LabelledPrediction {
  readonly eventId: string;
  /** Prediction event time, epoch ms: the order of the error stream. */
  readonly eventTime: number;
  readonly kind: PredictionKind;
  readonly number: number | null;
  readonly class: string | null;
  readonly probabilities: Readonly<Record<string, number>>;
  readonly label: number | string | boolean | null;
}
