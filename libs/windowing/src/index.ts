export * from './window-assigner';
export * from './watermark';
export * from './partition-windows';
