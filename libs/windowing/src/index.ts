export * from './window-assigner';
export * from './watermark';
export * from './partition-windows';
export * from './watermark-delay.util';
