import type { PerformanceJudgeInput, PerformanceJudgement } from '@driftwatch/evaluation';
import type { PerformanceWindowRow } from '@driftwatch/store';

/** The stored row (performance_windows) of a judged window or bucket. */
export function performanceRow(input: PerformanceJudgeInput, judgement: PerformanceJudgement, computedAt: number): PerformanceWindowRow {
  return {
    modelId: input.modelId,
    modelVersion: input.modelVersion,
    granularity: input.granularity,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    predicted: judgement.predicted,
    labelled: judgement.labelled,
    coverage: judgement.coverage,
    task: judgement.snapshot?.task ?? null,
    metric: judgement.metric,
    value: judgement.value,
    baselineValue: judgement.baselineValue,
    interval: judgement.interval,
    judged: judgement.judged,
    reason: judgement.reason,
    metrics: judgement.metrics,
    computedAt,
  };
}
