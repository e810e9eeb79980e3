import { CompensatedSum } from '../distances/compensated-sum.util';
import { scoreGroups } from './ranking.util';

/**
 * Binary average precision, sklearn's step-wise definition (`average_precision_score`):
 * AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct scores taken as thresholds from the highest down,
 * with Pₙ = TP/(TP+FP) and Rₙ = TP/P at threshold n and R₋₁ = 0 (no interpolation).
 *
 * @returns null when the window has no positive: sklearn warns and sets the recall to 1, which
 *   scores 0; a window without positives says nothing about ranking, so we report no value.
 */
export function binaryAveragePrecision(isPositive: Uint8Array, scores: Float64Array): number | null {
  const g = scoreGroups(isPositive, scores);
  if (g.totalPositives === 0) return null;
  const sum = new CompensatedSum();
  let tp = 0;
  let fp = 0;
  let previousRecall = 0;
  for (let k = 0; k < g.positives.length; k++) {
    tp += g.positives[k];
    fp += g.negatives[k];
    const recall = tp / g.totalPositives;
    sum.add((recall - previousRecall) * (tp / (tp + fp)));
    previousRecall = recall;
  }
  return sum.value;
}
