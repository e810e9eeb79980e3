import { DEFAULT_MAX_CATEGORIES } from '@driftwatch/stats';
import { DEFAULT_PERFORMANCE_DETECTORS } from '../performance-detectors/default-detectors';
import type { Policy } from './policy.types';

/**
 * Defaults applied when a model has no stored policy (README "Policies" documents each).
 * - minWindowEvents 100: the window is judged at all (data quality, p-value drift tests).
 * - drift.falseAlarmRate 1: at most one false incident per model per 30 days from clean data;
 *   each feature's distance must clear what a clean window of its size shows at the level this
 *   gives (about 5.8e-7 per feature and minute window for 20 features), see
 *   scripts/simulate-drift-decisions.sim-run.ts and README "Drift decisions".
 * - importance.critical 0.1: a feature carrying at least a tenth of the total importance is
 *   "top"; its drift or missing values are critical.
 * - data quality: a finding above the first level (warning), critical at the second.
 * - outOfRange.ratio 100: a window mean ≥ 100× or ≤ 1/100 of the baseline mean is a unit error.
 * - reference.mode 'baseline': drift is judged against the baseline alone unless a model opts in
 *   to last week's same span (lagSeconds 7 days, which also covers a daily rhythm); minEvents
 *   1000: a lagged reference thinner than that is mostly sampling noise, the baseline judges.
 * - performance: confidence 0.999 and minLabelled 100 keep clean windows below 1e-5 false
 *   performance_degradation findings each (accuracy at any rate, ROC AUC 0.75–0.9, baseline of
 *   10 000 rows): about 0.4 false incidents in 30 days of minute windows at worst, see
 *   scripts/simulate-performance-noise.sim-run.ts and README "Performance". At 0.99 windows of 100
 *   labels would give 1.5e-4 (6.6 a month). minCoverage 0.2: below a fifth of a window
 *   labelled, the labels in are likely the quick ones (early chargebacks, fast clicks), not a
 *   sample of the window.
 */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  minWindowEvents: 100,
  drift: {
    numeric: { method: 'auto', threshold: null, critical: null },
    categorical: { method: 'auto', threshold: null, critical: null },
    falseAlarmRate: 1,
    maxCategories: DEFAULT_MAX_CATEGORIES,
  },
  importance: { critical: 0.1, minorMaxSeverity: 'warning' },
  missing: { increase: 0.05, critical: 0.2 },
  newCategory: { share: 0.01, critical: 0.1 },
  typeErrors: { rate: 0, critical: 0.05 },
  outOfRange: { share: 0.05, critical: 0.5, ratio: 100 },
  schema: { unknownSeverity: 'warning', vanishedSeverity: 'critical' },
  dataset: { share: 0.5, correction: 'none', severity: 'critical' },
  silence: { minEvents: 1, afterWindows: 3, severity: 'critical' },
  alerting: { openAfter: 1, resolveAfter: 3, cooldownSeconds: 3600 },
  rollup: { enabled: true, bucketSeconds: 3600 },
  reference: { mode: 'baseline', lagSeconds: 604800, minEvents: 1000 },
  performance: {
    task: 'auto',
    metric: 'auto',
    tolerance: null,
    critical: null,
    confidence: 0.999,
    minLabelled: 100,
    minCoverage: 0.2,
    labelWaitSeconds: 300,
    // ADWIN on classification models' 0/1 errors, chosen by the detector simulation (default-detectors.ts).
    detectors: structuredClone(DEFAULT_PERFORMANCE_DETECTORS),
  },
  features: {},
} satisfies Policy) as Readonly<Policy>;
