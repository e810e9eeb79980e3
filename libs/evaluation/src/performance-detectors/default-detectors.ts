import type { PerformanceDetectorPolicy } from '../policy/policy.types';

/** Placeholder until the simulation chooses (scripts/simulate-detectors.sim-run.ts). */
export const DEFAULT_PERFORMANCE_DETECTORS: PerformanceDetectorPolicy[] = [{ name: 'adwin', params: { delta: 0.0001 }, severity: 'warning' }];
