import { scoreGroups } from './ranking.util';

/**
 * Binary ROC AUC, the area under sklearn's ROC curve (`roc_auc_score(y, score)`): the share
 * of (positive, negative) pairs ordered correctly by the score, a tie counting one half.
 *
 * Computed as the Mann–Whitney count U / (P·N): U is a sum of exact half-integers, so the
 * only rounding is the final division (sklearn's trapezoids agree to a few ulps).
 *
 * @returns null when the window lacks positives or negatives (sklearn raises ValueError:
 *   "Only one class present in y_true").
 */
export function binaryRocAuc(isPositive: Uint8Array, scores: Float64Array): number | null {
  const g = scoreGroups(isPositive, scores);
  if (g.totalPositives === 0 || g.totalNegatives === 0) return null;
  let u = 0;
  let positivesAbove = 0;
  for (let k = 0; k < g.positives.length; k++) {
    u += g.negatives[k] * (positivesAbove + g.positives[k] / 2);
    positivesAbove += g.positives[k];
  }
  return u / (g.totalPositives * g.totalNegatives);
}
