export * from './to-sorted-sample';
export * from './quantile-edges';
export * from './numeric-histogram';
export * from './categorical-histogram';
export * from './feature-histogram';
export * from './feature-histogram-of';
