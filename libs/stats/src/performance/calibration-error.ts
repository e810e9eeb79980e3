import { CompensatedSum } from '../distances/compensated-sum.util';

export const DEFAULT_CALIBRATION_BINS = 10;

/**
 * Expected calibration error with B equal-width bins on [0, 1] (default 10), weighted by
 * bin count. sklearn has none; this is the definition the fixtures compute with numpy:
 *
 *   bin(p) = min(floor(p·B), B − 1)         (so [k/B, (k+1)/B), the last bin closed)
 *   ECE    = Σ over non-empty bins k of (nₖ/n)·|mean(outcome in k) − mean(p in k)|
 *
 * `confidence` is what the model claimed and `outcome` (0/1) what happened: for a binary
 * window the positive-class score and whether the label is positive; for a multi-class
 * window the probability of the predicted class and whether the prediction is right
 * (top-label ECE). @returns null for an empty window.
 */
export function expectedCalibrationError(
  confidence: Float64Array,
  outcome: Uint8Array,
  bins = DEFAULT_CALIBRATION_BINS,
): number | null {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`expectedCalibrationError: bins must be an integer >= 1, got ${bins}`);
  const n = confidence.length;
  if (outcome.length !== n) throw new RangeError('expectedCalibrationError: confidence and outcome differ in length');
  if (n === 0) return null;
  const counts = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const confidenceSums = Array.from({ length: bins }, () => new CompensatedSum());
  for (let i = 0; i < n; i++) {
    const p = confidence[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`expectedCalibrationError: confidence ${p} at ${i} is not in [0, 1]`);
    const k = Math.min(Math.floor(p * bins), bins - 1);
    counts[k]++;
    hits[k] += outcome[i];
    confidenceSums[k].add(p);
  }
  let ece = 0;
  for (let k = 0; k < bins; k++) {
    if (counts[k] === 0) continue;
    ece += (counts[k] / n) * Math.abs(hits[k] / counts[k] - confidenceSums[k].value / counts[k]);
  }
  return ece;
}
