export * from './baseline-stats';
export * from './feature-importance';
export * from './build-baseline';
export * from './columns-from-records';
export * from './prediction-feature';
