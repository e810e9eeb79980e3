// The noise a clean window of a given size shows against its baseline, and the false-alarm
// level a policy's target allows: the calibration the one drift decision (../decision) uses.
export * from './multinomial';
export * from './gamma-quantile';
export * from './null-quantile';
export * from './calibration-cache';
export * from './false-alarm-alpha';
