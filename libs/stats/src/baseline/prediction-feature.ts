/**
 * The baseline feature that holds the model's prediction. Event features cannot carry this
 * name (libs/contracts rejects it), so it never collides with a real feature; everywhere else
 * (window histograms, evaluations, gauges) it is a feature like the others.
 */
export const PREDICTION_FEATURE = '@prediction';

/**
 * The value of an event's prediction as the prediction feature counts it: a number (score,
 * regression) as is, a class name as a category, a class → probability map as its top class
 * (highest probability; a tie goes to the class name that sorts first, so the result does not
 * depend on key order). Absent, null, an empty map and anything else are missing.
 */
export function predictionValue(prediction: unknown): number | string | null {
  switch (typeof prediction) {
    case 'number':
      return prediction;
    case 'string':
      return prediction;
    case 'object':
      return prediction === null || Array.isArray(prediction) ? null : topClass(prediction as Record<string, unknown>);
    default:
      return null;
  }
}

function topClass(probabilities: Record<string, unknown>): string | null {
  let best: string | null = null;
  let bestP = Number.NEGATIVE_INFINITY;
  for (const name in probabilities) {
    const p = probabilities[name];
    if (typeof p !== 'number' || p !== p) continue;
    if (p > bestP || (p === bestP && best !== null && name < best)) {
      best = name;
      bestP = p;
    }
  }
  return best;
}
