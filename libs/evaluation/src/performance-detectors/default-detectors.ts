import type { PerformanceDetectorPolicy } from '../policy/policy.types';

export const DEFAULT_PERFORMANCE_DETECTORS: PerformanceDetectorPolicy[] = [
  { name: 'adwin', params: {}, severity: 'warning' },
  { name: 'hddmA', params: { driftConfidence: 1e-5, warningConfidence: 1e-4 }, severity: 'warning' },
];
