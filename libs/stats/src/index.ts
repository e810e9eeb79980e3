// Pure statistics: no I/O, so the batch CLI, the streaming evaluator and the tests share one implementation.
export * from './binning';
export * from './distances';
export * from './tests';
export * from './quality';
export * from './drift';
