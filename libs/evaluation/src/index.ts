// Pure evaluation: a model's policy (defaults, validation, merge) and the judgement of one
// window against its baseline. No I/O: apps/evaluator loads, stores and publishes.
export * from './policy/policy.types';
export { DEFAULT_POLICY } from './policy/default-policy';
export { mergePolicy } from './policy/merge-policy';
export { parsePolicy, validatePolicy, PolicyValidationError, type PolicyValidation } from './policy/validate-policy';
// The decision module's names as the evaluator's callers knew them (libs/stats decision/).
export { isPValueMethod, isHistogramMethod as isStreamingMethod, methodFits, type FeatureKind as JudgedKind } from '@driftwatch/stats';
export { evaluateWindow, type EvaluateWindowInput } from './evaluate/evaluate-window';
export { chooseLaggedReference, laggedBaseline, laggedSpan, type LaggedChoice } from './evaluate/lagged-reference';
export { silenceEvaluation, type SilenceInput } from './evaluate/silence';
export { evaluationId } from './evaluate/evaluation-id';
export { binnedKs } from './evaluate/binned-ks';
export { resolveDriftRule, defaultThreshold, defaultCritical, type ResolvedDriftRule } from './evaluate/resolve-drift-rule';
export { featureImportance, type ImportanceView } from './evaluate/importance';
export { modelActivity, silentSlot, type ModelActivity, type SilenceTiming, type SilentSlot, type VersionActivity } from './evaluate/silence-rule';
export { completedBucket, dominantBaselineId } from './rollup/rollup-bucket.util';
export { bucketDueOnClock, rollupBucketOf, bucketsSettledBy, type ClockedVersion, type RollupBucket, type WindowSpan } from './rollup/rollup-due.util';
// Model performance: labelled predictions judged against the baseline's own performance.
export type { LabelledPrediction, TaskShape, PerformanceJudgeInput, PerformanceJudgement } from './performance/performance.types';
export { inferTask, normaliseLabel, binaryLabel } from './performance/task';
export { computePerformance, computePerformanceFromPairs, readPairs, metricsOf, PerformanceInputError, DECISION_THRESHOLD, type ReadPairs } from './performance/performance-snapshot';
export {
  METRIC_RULES,
  PERFORMANCE_METRIC_NAMES,
  isPerformanceMetric,
  isRegressionMetric,
  metricRule,
  defaultMetric,
  resolvePerformanceRule,
  ruleForMetric,
  type MetricDirection,
  type MetricRule,
  type ResolvedPerformanceRule,
  type ToleranceKind,
} from './performance/metric-rules';
export { metricInterval, wilsonInterval, delongAuc, meanInterval, bootstrapInterval, BOOTSTRAP_RESAMPLES } from './performance/metric-interval';
export { normalQuantile } from './performance/normal-quantile.util';
export { judgePerformance, performanceVerdict, degradationLevel, beyondLevel, type PerformanceVerdict } from './performance/judge-performance';
export { performanceEvaluation, performanceFinding, type PerformanceFindingInput } from './performance/performance-evaluation';
export { bucketOf, windowReady, type WindowLabelState } from './performance/performance-readiness';
export { mergeDetectorFinding } from './performance/merge-detector-finding';
// Streaming detectors on a model version's joined error stream (performance-detectors/).
export * from './performance-detectors';
