// The TypeScript client for model services: publishes inference events and labels to
// Driftwatch's topics in the contracts' encodings. Needs only kafkajs and @driftwatch/contracts.
export { Monitor, type LogOptions, type MonitorStats } from './monitor';
export type { ClientFormat, MonitorOptions } from './monitor-options';
export { sampled } from './sampling.util';
export type { FeatureInput, PredictionInput, TimeInput } from './values.util';
