export * from './drift-method';
export * from './default-drift-rule';
export * from './threshold-override';
export * from './column-data';
export * from './feature-metrics';
export * from './feature-comparison';
export * from './compare-feature';
export * from './compare-dataset';
