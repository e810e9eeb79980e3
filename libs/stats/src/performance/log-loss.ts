import { CompensatedSum } from '../distances/compensated-sum.util';

/**
 * sklearn ≥ 1.5 clips probabilities to [eps, 1 − eps] with eps the machine epsilon of the
 * input dtype (`np.finfo(float64).eps` = 2⁻⁵²) and no longer renormalises rows; the old `eps`
 * parameter (1e-15) is gone. Checked against sklearn 1.9's `_log_loss`.
 */
export const LOG_LOSS_EPS = Number.EPSILON;

function clip(p: number): number {
  return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
}

/**
 * Binary log loss (`log_loss(y, score, labels=[0, 1])`): mean of −log(p) for positives and
 * −log(1 − p) for negatives, p the positive-class score; the clip applies after 1 − p.
 * @returns null for an empty window.
 */
export function binaryLogLoss(isPositive: Uint8Array, scores: Float64Array): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) sum.add(-Math.log(clip(isPositive[i] ? scores[i] : 1 - scores[i])));
  return sum.value / n;
}

/**
 * Multi-class log loss from the probability each pair's map gives its *actual* class
 * (`log_loss(y, P, labels=classes)`: only the true-class column counts). A class missing
 * from a map has probability 0, clipped to eps.
 * @returns null for an empty window.
 */
export function multiclassLogLoss(probabilityOfActual: Float64Array): number | null {
  const n = probabilityOfActual.length;
  if (n === 0) return null;
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) sum.add(-Math.log(clip(probabilityOfActual[i])));
  return sum.value / n;
}
