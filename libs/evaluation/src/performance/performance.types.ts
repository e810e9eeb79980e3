import type { LabelledPrediction, MetricInterval, PerformanceMetrics, PerformanceSnapshot, PerformanceTask } from '@driftwatch/contracts';

export type { LabelledPrediction } from '@driftwatch/contracts';


/** What the task inference decided and how pairs are read (libs/evaluation performance/task.ts). */
export interface TaskShape {
  readonly task: PerformanceTask;
  readonly positiveClass: string | null;
  readonly classes: readonly string[];
}

/** Input of judgePerformance: one window's (or rollup bucket's) rows, its baseline's performance, the policy. */
export interface PerformanceJudgeInput {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly granularity: 'window' | 'rollup';
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Every prediction stored for the window, labelled or not (coverage = labelled / rows). */
  readonly rows: readonly LabelledPrediction[];
  /** The baseline's own performance; absent: nothing to compare with (performance reported, not judged). */
  readonly baseline?: PerformanceSnapshot;
  readonly baselineId: string | null;
  readonly now: number;
}

export interface PerformanceJudgement {
  readonly predicted: number;
  readonly labelled: number;
  readonly coverage: number;
  /** null when no row was labelled. */
  readonly snapshot: PerformanceSnapshot | null;
  readonly metric: string;
  readonly value: number | null;
  readonly baselineValue: number | null;
  readonly interval: MetricInterval | null;
  /** False when there were too few labels (or no baseline performance): nothing was decided. */
  readonly judged: boolean;
  /** Why it was not judged, for logs and the API. */
  readonly reason: string | null;
  readonly metrics: PerformanceMetrics;
}
