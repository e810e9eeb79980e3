import { CalibrationCache, fnv1a, nullDistanceQuantile, sizeBucket, type NullDistanceModel } from '../calibration';
import { isPValueMethod, type DistanceMethod, type DriftMethod } from './method-registry';
import { exceedsThreshold } from './threshold';

/**
 * Which power of each distance is close to gamma-distributed under the null (see
 * NullDistanceModel.power): the divergences themselves, the square of the square-root
 * distances and of the L1 ones.
 */
export const NULL_FIT_POWER: Readonly<Record<DistanceMethod, 1 | 2>> = {
  psi: 1,
  kullbackLeibler: 1,
  jensenShannon: 2,
  hellinger: 2,
  totalVariation: 2,
  wasserstein: 2,
  energy: 2,
};

/** What a decision needs to account for sampling noise; without it the threshold alone decides. */
export interface Calibration {
  /** The per-feature, per-window false-alarm level (perFeatureAlpha). */
  alpha: number;
  /** For a distance: the window's size and how to draw the distance under the null. */
  null?: {
    /** Identifies the baseline and feature the model is for (e.g. `${baselineId}/${feature}`). */
    key: string;
    /** Values in the window (the feature's non-missing count). */
    n: number;
    reference: NullDistanceModel['reference'];
    distance: NullDistanceModel['distance'];
    linear?: NullDistanceModel['linear'];
    /**
     * The window's distance under the null's conventions, when the reported value has parts the
     * null cannot draw (Wasserstein closes its outer bins at the extremes seen in the window too:
     * one value beyond the baseline's range moves a bin's mass and, on 100 lognormal values,
     * raised five false incidents a month). Compared with the quantile instead of the value.
     */
    value?: number | null;
  };
}

export interface DriftDecision {
  detected: boolean;
  /** The level the value had to clear besides the threshold: the null quantile of a distance, α for a p-value. null: none. */
  noiseLevel: number | null;
}

/** Shared by every caller in the process, bounded (CalibrationCache). */
export const DEFAULT_CALIBRATION_CACHE = new CalibrationCache();

/**
 * The drift decision on one feature. A p-value signals drift when it crosses its threshold and
 * is at most α (the smaller of the two levels). A distance signals drift when it crosses the
 * threshold, the effect size that matters, AND exceeds the (1 − α) quantile of the distance
 * between the baseline and a clean window of the same size (nullDistanceQuantile): below that
 * the crossing is what sampling noise alone shows at the policy's false-alarm level. The
 * quantile is computed only for a value past the threshold, and cached per key, method, size
 * bucket and level. Without a calibration (or without a null model for a distance) the
 * threshold alone decides, as before.
 */
export function decideDrift(
  method: DriftMethod,
  value: number | null,
  threshold: number,
  calibration?: Calibration,
  cache: CalibrationCache = DEFAULT_CALIBRATION_CACHE,
): DriftDecision {
  const crosses = exceedsThreshold(method, value, threshold);
  if (!calibration) return { detected: crosses, noiseLevel: null };
  const { alpha } = calibration;
  if (isPValueMethod(method)) return { detected: crosses && (value as number) <= alpha, noiseLevel: alpha };
  const model = calibration.null;
  if (!crosses || !model) return { detected: crosses, noiseLevel: null };
  const quantile = nullQuantileFor(method as DistanceMethod, model, alpha, cache);
  const judged = model.value ?? value;
  return { detected: value === Infinity || (judged !== null && judged > quantile), noiseLevel: quantile };
}

function nullQuantileFor(method: DistanceMethod, model: NonNullable<Calibration['null']>, alpha: number, cache: CalibrationCache): number {
  const n = sizeBucket(model.n);
  const fingerprint = fnv1a(model.reference.join(','));
  const key = `${model.key}|${method}|${n}|${alpha}|${model.reference.length}:${fingerprint}`;
  return cache.getOrCompute(key, () =>
    nullDistanceQuantile({ reference: model.reference, distance: model.distance, linear: model.linear, power: NULL_FIT_POWER[method] }, n, alpha, fnv1a(key)),
  );
}
