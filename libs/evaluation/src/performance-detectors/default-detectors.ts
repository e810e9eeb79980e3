import type { PerformanceDetectorPolicy } from '../policy/policy.types';

/**
 * The detectors the pipeline runs by default: ADWIN with River's defaults (delta 0.002, clock 32),
 * chosen by scripts/simulate-detectors.sim-run.ts (npm run sim:detectors; libs/evaluation README,
 * "Streaming detectors"). Target: ≤ 1 false incident per model per 30 days at 1 labelled event/s
 * (2.59M errors), i.e. ≤ 0.386 firings per 1M errors on a stable stream. Measured: 0 firings in 5M
 * errors at error rates 5, 20 and 40 % (< 0.6 per 1M, 95 % bound) and 0.2 per 1M on |N(0,1)| absolute
 * errors; median / p90 delay 408 / 728 errors for an error rate 0.2 → 0.3, 152 / 216 for 0.2 → 0.4,
 * 88 / 152 for absolute errors ×1.5; 72 errors on the concept-flip test stream. Every stricter
 * candidate that also met the target was slower; a DDM beside it gained 32 errors at the p90 only.
 * Known limit: heavy-tailed absolute errors (lognormal) give 58–65 false firings per 1M with ADWIN
 * and with every other candidate tried, about 150 false incidents a month at 1 labelled event/s:
 * so by default it runs on classification models only (their errors are 0/1); a regression model
 * gets the per-window judgement, and a detector when its policy asks for one.
 */
export const DEFAULT_PERFORMANCE_DETECTORS: PerformanceDetectorPolicy[] = [{ name: 'adwin', params: {}, severity: 'warning', tasks: ['binary', 'multiclass'] }];
