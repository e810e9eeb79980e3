export * from './compiled-baseline';
export * from './feature-accumulator';
export * from './future-timestamp';
export * from './partition-ingest';
export * from './message-router';
export * from './batch-order';
export * from './prediction-rows';
export * from './log-reset';
