// Public event contracts (docs/architecture.md "Events and labels") and internal message shapes,
// with their canonical Avro schemas, validation and codecs; and the data shapes the store
// persists and the pure libraries judge, so those libraries need not depend on the store.
// Pure code: no I/O.
export * from './events/inference-event';
export * from './events/label-event';
export * from './events/window-closed';
export * from './events/incident-kind';
export * from './events/evaluation';
export * from './events/incident';
export * from './events/drift-explanation';

export type { Baseline, BaselineFeature, FeatureKind } from './data-shapes/baseline';
export type { FeatureHistogram } from './data-shapes/feature-histogram';
export type { WindowAggregate } from './data-shapes/window-aggregate';
export type { FeatureKindDelta, WindowFeatureDelta } from './data-shapes/window-deltas';
export type { EventSample } from './data-shapes/event-sample';
export type { PredictionKind, PredictionRow } from './data-shapes/prediction-row';
export type { LabelledPrediction, MetricInterval, PerformanceEvidence, PerformanceMetrics, PerformanceSnapshot, PerformanceTask } from './data-shapes/performance';

export * from './schemas/inference-event.schema';
export * from './schemas/inference-label.schema';
export * from './schemas/window-closed.schema';
export * from './schemas/incident.schema';

export * from './validation/contract-limits';
export { ContractValidationError, type ValidationResult } from './validation/validation-result';
export { parseTimestamp, MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS, type TimestampParse } from './validation/timestamp.util';
export * from './validation/inference-event.validator';
export { RESERVED_FEATURE_NAMES } from './validation/feature-values.validator';
export * from './validation/label-event.validator';
export * from './validation/window-closed.validator';
export * from './validation/incident.validator';

export * from './codec/wire-format';
export * from './codec/decode-result';
export { type SchemaRegistryConfig } from './codec/schema-registry';
export { type ContractCodec, type Decoder } from './codec/contract-codec';
export * from './codec/inference-event.codec';
export * from './codec/label-event.codec';
export * from './codec/window-closed.codec';
export * from './codec/evaluation.codec';
export { trimEvaluation, withoutEvidence } from './codec/evaluation-trim';
export * from './codec/incident.codec';
