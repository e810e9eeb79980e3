export * from './chi-square';
export * from './two-proportion-z';
export * from './multiple-testing';
