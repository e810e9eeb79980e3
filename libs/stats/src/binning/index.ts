export * from './to-sorted-sample';
export * from './quantile-edges';
export * from './numeric-histogram';
export * from './categorical-histogram';
export * from './feature-tally';
export * from './feature-tally-of';
export * from './cap-categories';
export * from './saturating-sum';
