// Pure statistics: no I/O, so the batch CLI, the streaming evaluator and the tests share one implementation.
export * from './test-result';
export * from './binning';
export * from './distances';
export * from './hypothesis';
export * from './two-sample';
export * from './quality';
export * from './calibration';
export * from './decision';
export * from './drift';
export * from './random';
export * from './baseline';
export * from './detectors';
export * from './explain';

// Model-performance metrics (labels joined to predictions).
export * from './performance';
