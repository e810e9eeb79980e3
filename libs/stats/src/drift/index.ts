export * from './threshold-override';
export * from './column-data';
export * from './feature-metrics';
export * from './feature-comparison';
export * from './compare-feature';
export * from './compare-dataset';
