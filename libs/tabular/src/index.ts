export * from './tabular-error';
export * from './file-format';
export * from './column-scan';
export * from './cell-sql';
export * from './table-source';
export * from './scan-table';
export * from './read-cells';
export * from './radix-sort.util';
