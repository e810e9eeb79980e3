import { EVALUATION_SCHEMA_VERSION, type EvaluationMessage, type Finding, type MetricInterval, type PerformanceTask, type Severity } from '@driftwatch/contracts';
import { evaluationId } from '../evaluate/evaluation-id';
import { fmt } from '../evaluate/format.util';
import type { Policy } from '../policy/policy.types';
import { performanceVerdict } from './judge-performance';
import type { PerformanceJudgeInput, PerformanceJudgement } from './performance.types';
import { inferTask } from './task';

/** What a performance_degradation finding says about the window. */
export interface PerformanceFindingInput {
  readonly severity: Severity;
  readonly metric: string;
  readonly value: number | null;
  /** The level crossed, on the metric's scale (e.g. baseline − tolerance). */
  readonly threshold: number;
  readonly baselineValue: number | null;
  readonly coverage: number;
  readonly labelled: number;
  readonly predicted: number;
  readonly interval: MetricInterval | null;
  /** A streaming detector that fired (details.detector); absent for the per-window judgement. */
  readonly detector?: string;
  /** Replaces the generated sentence (e.g. a detector's own wording). */
  readonly message?: string;
  /** Merged into details after the standard fields. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * The performance_degradation finding (feature null), shared by the per-window judgement and
 * the streaming detectors so incidents read the same whoever raised them.
 */
export function performanceFinding(f: PerformanceFindingInput): Finding {
  const interval = f.interval ? `, ${fmt(f.interval.confidence * 100)}% interval ${fmt(f.interval.low)}–${fmt(f.interval.high)}` : '';
  const message =
    f.message ??
    (f.detector !== undefined
      ? `${f.detector} detected a change in the error stream (${f.metric} ${fmt(f.value)}, baseline ${fmt(f.baselineValue)}) (${f.severity})`
      : `${f.metric} ${fmt(f.value)} against baseline ${fmt(f.baselineValue)}, past ${fmt(f.threshold)}${interval} on ${f.labelled} labelled predictions (${f.severity})`);
  return {
    kind: 'performance_degradation',
    feature: null,
    severity: f.severity,
    metric: f.metric,
    value: f.value,
    threshold: f.threshold,
    message,
    details: {
      metric: f.metric,
      value: f.value,
      baselineValue: f.baselineValue,
      coverage: f.coverage,
      labelled: f.labelled,
      predicted: f.predicted,
      interval: f.interval,
      ...(f.detector !== undefined ? { detector: f.detector } : {}),
      ...f.extra,
    },
  };
}

/**
 * The evaluation message of a window's performance (subject 'performance'): its evidence, and
 * one performance_degradation finding when performanceVerdict finds a significant drop. Its id
 * differs from the data evaluation's of the same window, and is the same however often the
 * window is judged again (labels arriving late re-judge it under the same id, and the
 * evaluator's store keeps the latest).
 */
export function performanceEvaluation(input: PerformanceJudgeInput, judgement: PerformanceJudgement, policy: Policy): EvaluationMessage {
  const verdict = performanceVerdict(judgement, policy);
  const findings: Finding[] = [];
  if (verdict) {
    findings.push(
      performanceFinding({
        severity: verdict.severity,
        metric: judgement.metric,
        value: judgement.value,
        threshold: verdict.threshold,
        baselineValue: judgement.baselineValue,
        coverage: judgement.coverage,
        labelled: judgement.labelled,
        predicted: judgement.predicted,
        interval: judgement.interval,
      }),
    );
  }
  return {
    schemaVersion: EVALUATION_SCHEMA_VERSION,
    evaluationId: evaluationId(input.modelId, input.modelVersion, input.granularity, input.windowStart, input.windowEnd, 'performance'),
    modelId: input.modelId,
    modelVersion: input.modelVersion,
    granularity: input.granularity,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    evaluatedAt: input.now,
    baselineId: input.baselineId,
    eventCount: judgement.predicted,
    judged: judgement.judged,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: policy.dataset.share, detected: false },
    findings,
    policy: { ...policy.alerting },
    subject: 'performance',
    performance: {
      task: taskOf(input, judgement, policy),
      predicted: judgement.predicted,
      labelled: judgement.labelled,
      coverage: judgement.coverage,
      metric: judgement.metric,
      value: judgement.value,
      baselineValue: judgement.baselineValue,
      interval: judgement.interval,
      metrics: { ...judgement.metrics },
    },
  };
}

function taskOf(input: PerformanceJudgeInput, judgement: PerformanceJudgement, policy: Policy): PerformanceTask {
  return judgement.snapshot?.task ?? input.baseline?.task ?? inferTask(input.rows, policy.performance.task).task;
}
