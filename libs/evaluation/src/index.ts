// Pure evaluation: a model's policy (defaults, validation, merge) and the judgement of one
// window against its baseline. No I/O: apps/evaluator loads, stores and publishes.
export * from './policy/policy.types';
export { DEFAULT_POLICY } from './policy/default-policy';
export { mergePolicy } from './policy/merge-policy';
export { parsePolicy, validatePolicy, PolicyValidationError, type PolicyValidation } from './policy/validate-policy';
// The decision module's names as the evaluator's callers knew them (libs/stats decision/).
export { isPValueMethod, isHistogramMethod as isStreamingMethod, methodFits, type FeatureKind as JudgedKind } from '@driftwatch/stats';
export { evaluateWindow, type EvaluateWindowInput } from './evaluate/evaluate-window';
export { silenceEvaluation, type SilenceInput } from './evaluate/silence';
export { evaluationId } from './evaluate/evaluation-id';
export { binnedKs } from './evaluate/binned-ks';
export { resolveDriftRule, defaultThreshold, defaultCritical, type ResolvedDriftRule } from './evaluate/resolve-drift-rule';
export { featureImportance, type ImportanceView } from './evaluate/importance';
export { modelActivity, silentSlot, type ModelActivity, type SilenceTiming, type SilentSlot, type VersionActivity } from './evaluate/silence-rule';
export { completedBucket, dominantBaselineId } from './rollup/rollup-bucket.util';
// Streaming detectors on a model version's joined error stream (performance-detectors/).
export * from './performance-detectors';
