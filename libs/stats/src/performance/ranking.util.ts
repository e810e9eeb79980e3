/**
 * Positives and negatives per distinct score, by decreasing score: the points of sklearn's
 * `_binary_clf_curve` (one per distinct threshold), as plain counts.
 */
export interface ScoreGroups {
  /** Positives at each distinct score, highest score first. */
  readonly positives: Float64Array;
  /** Negatives at each distinct score, highest score first. */
  readonly negatives: Float64Array;
  readonly totalPositives: number;
  readonly totalNegatives: number;
}

export function scoreGroups(isPositive: Uint8Array, scores: Float64Array): ScoreGroups {
  const n = scores.length;
  if (isPositive.length !== n) throw new RangeError('scoreGroups: labels and scores differ in length');
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`scoreGroups: score at ${i} is NaN`);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a]);
  const positives: number[] = [];
  const negatives: number[] = [];
  let totalPositives = 0;
  for (let k = 0; k < n; ) {
    const s = scores[order[k]];
    let pos = 0;
    let neg = 0;
    while (k < n && scores[order[k]] === s) {
      if (isPositive[order[k]]) pos++;
      else neg++;
      k++;
    }
    positives.push(pos);
    negatives.push(neg);
    totalPositives += pos;
  }
  return {
    positives: Float64Array.from(positives),
    negatives: Float64Array.from(negatives),
    totalPositives,
    totalNegatives: n - totalPositives,
  };
}

/** Throws unless every score is a probability (sklearn's log_loss refuses values outside [0, 1]). */
export function assertProbabilities(values: Float64Array, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${what}: value ${v} at ${i} is not a probability in [0, 1]`);
  }
}
