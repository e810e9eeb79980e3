import { CompensatedSum } from '../distances/compensated-sum.util';

/**
 * Binary Brier score (`brier_score_loss(y, score)`): mean of (y − p)², y = 1 for the
 * positive class. @returns null for an empty window.
 */
export function brierScore(isPositive: Uint8Array, scores: Float64Array): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = isPositive[i] - scores[i];
    sum.add(d * d);
  }
  return sum.value / n;
}
