export * from './missing';
export * from './out-of-range';
export * from './unseen-categories';
export * from './schema-diff';
export * from './value-kind';
export * from './parse-cell';
