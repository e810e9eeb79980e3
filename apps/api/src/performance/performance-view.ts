import type { MetricInterval, PerformanceMetrics, PerformanceTask } from '@driftwatch/contracts';
import type { PerformanceWindowRow } from '@driftwatch/store';
import { iso } from '../http/query-params';

/** One window's (or rollup bucket's) stored performance as the API shows it: ISO times, every metric. */
export interface PerformanceWindowView {
  modelVersion: string;
  windowStart: string;
  windowEnd: string;
  /** Predictions stored for the window, and of those the ones with a label. */
  predicted: number;
  labelled: number;
  coverage: number;
  task: PerformanceTask | null;
  /** The metric the policy watches, its value and the baseline's. */
  metric: string;
  value: number | null;
  baselineValue: number | null;
  interval: MetricInterval | null;
  /** False while too few labels are in (see `reason`). */
  judged: boolean;
  reason: string | null;
  metrics: PerformanceMetrics;
  /** When it was last computed (late labels recompute a window). */
  computedAt: string;
}

export function toPerformanceView(r: PerformanceWindowRow): PerformanceWindowView {
  return {
    modelVersion: r.modelVersion,
    windowStart: iso(r.windowStart) as string,
    windowEnd: iso(r.windowEnd) as string,
    predicted: r.predicted,
    labelled: r.labelled,
    coverage: r.coverage,
    task: r.task,
    metric: r.metric,
    value: r.value,
    baselineValue: r.baselineValue,
    interval: r.interval,
    judged: r.judged,
    reason: r.reason,
    metrics: r.metrics,
    computedAt: iso(r.computedAt) as string,
  };
}
