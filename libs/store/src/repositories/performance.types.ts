import type { LabelledPrediction, MetricInterval, PerformanceMetrics, PerformanceTask } from '@driftwatch/contracts';

export type PerformanceGranularity = 'window' | 'rollup';

/** A joined row with the window its prediction was counted in. */
export type WindowedLabelledPrediction = LabelledPrediction & { readonly windowStart: number; readonly windowEnd: number };

/** One window (or the windows of one rollup bucket) of a model version: `windowStart` in [from, to), epoch ms. */
export interface LabelledPredictionQuery {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly from: number;
  readonly to: number;
}

/** A window of a model version (as the predictions table knows it). */
export interface WindowRef {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
}

/** What a window's readiness is decided on: its stored predictions and how many have a label. */
export interface WindowCount extends WindowRef {
  readonly predicted: number;
  readonly labelled: number;
  /** When the last of its predictions was stored, epoch ms. */
  readonly lastInsertedAt: number;
  /** The aggregator closed the window: no more predictions are coming but late events. */
  readonly closed: boolean;
}

export interface WindowCountQuery {
  readonly modelId: string;
  /** All versions when left out. */
  readonly modelVersion?: string;
  /** Windows starting in [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** One row of performance_windows (migration 0009): a window's or bucket's latest performance. */
export interface PerformanceWindowRow {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly granularity: PerformanceGranularity;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly predicted: number;
  readonly labelled: number;
  readonly coverage: number;
  /** null when nothing was labelled (the task could not be told). */
  readonly task: PerformanceTask | null;
  readonly metric: string;
  readonly value: number | null;
  readonly baselineValue: number | null;
  readonly interval: MetricInterval | null;
  readonly judged: boolean;
  readonly reason: string | null;
  readonly metrics: PerformanceMetrics;
  /** When it was computed, epoch ms: the latest computation of a window wins. */
  readonly computedAt: number;
}

export interface PerformanceQuery {
  readonly modelId: string;
  readonly modelVersion?: string;
  readonly granularity: PerformanceGranularity;
  /** Windows starting in [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
  /** At most this many, the newest (default 10,000). */
  readonly limit?: number;
  /** Rows skipped before the first returned, in the list's order (paging; default 0). */
  readonly offset?: number;
}

/** How far the evaluator has judged a model version at one granularity (performance_cursors). */
export interface PerformanceCursor {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly granularity: PerformanceGranularity;
  /** Start of the last window (or bucket) whose evaluation was delivered; null: none yet. */
  readonly judgedThrough: number | null;
  /** Predictions stored and labels received before this (epoch ms) have had their windows recomputed. */
  readonly touchedThrough: number;
  /** The streaming detectors' state after `judgedThrough` (JSON text); '' when none. */
  readonly detectorState: string;
  readonly updatedAt: number;
}
