/**
 * Confusion matrix over a declared class list, and the per-class and macro scores that
 * sklearn's `precision_recall_fscore_support` derives from it with its default
 * `zero_division="warn"`: a ratio whose denominator is 0 scores 0 (sklearn also warns).
 *
 * - precision = TP / (TP + FP), 0 when the class is never predicted;
 * - recall    = TP / (TP + FN), 0 when the class never occurs in the labels;
 * - F1        = 2·TP / (2·TP + FP + FN) (sklearn ≥ 1.3's formula from counts), 0 when the
 *   class is neither predicted nor present.
 * - macro: the unweighted mean over the classes present in the labels *or* the predictions
 *   (sklearn's `average="macro"` with `labels=None`); a declared class absent from both
 *   does not pull the macro toward 0.
 */
export interface ConfusionMatrix {
  readonly classes: readonly string[];
  /** counts[actual][predicted], indices into `classes`. */
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
}

export interface ClassScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Pairs whose label is this class. */
  readonly support: number;
  /** Pairs predicted as this class. */
  readonly predictedCount: number;
}

export interface MacroScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Index of each class; throws on duplicates or an empty list. */
export function classIndex(classes: readonly string[]): Map<string, number> {
  if (classes.length === 0) throw new RangeError('classes: at least one class is needed');
  const index = new Map<string, number>();
  classes.forEach((c, i) => {
    if (index.has(c)) throw new RangeError(`classes: duplicate class ${JSON.stringify(c)}`);
    index.set(c, i);
  });
  return index;
}

export function lookupClass(index: ReadonlyMap<string, number>, label: string, what: string): number {
  const i = index.get(label);
  if (i === undefined) throw new RangeError(`${what}: ${JSON.stringify(label)} is not a declared class`);
  return i;
}

/** Throws on a label or prediction outside `classes`. */
export function confusionMatrix(
  pairs: readonly { readonly actual: string; readonly predicted: string }[],
  classes: readonly string[],
): ConfusionMatrix {
  const index = classIndex(classes);
  const counts = classes.map(() => new Array<number>(classes.length).fill(0));
  pairs.forEach((p, i) => {
    counts[lookupClass(index, p.actual, `pair ${i} actual`)][lookupClass(index, p.predicted, `pair ${i} predicted`)]++;
  });
  return { classes: [...classes], counts, total: pairs.length };
}

/** Share of pairs on the diagonal; null for an empty window. */
export function accuracyOf(matrix: ConfusionMatrix): number | null {
  if (matrix.total === 0) return null;
  let right = 0;
  matrix.counts.forEach((row, i) => (right += row[i]));
  return right / matrix.total;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Scores of every declared class, in `classes` order. */
export function classScores(matrix: ConfusionMatrix): ClassScores[] {
  const k = matrix.classes.length;
  return matrix.classes.map((label, c) => {
    const tp = matrix.counts[c][c];
    let support = 0;
    let predictedCount = 0;
    for (let j = 0; j < k; j++) {
      support += matrix.counts[c][j];
      predictedCount += matrix.counts[j][c];
    }
    return {
      label,
      precision: ratio(tp, predictedCount),
      recall: ratio(tp, support),
      f1: ratio(2 * tp, support + predictedCount),
      support,
      predictedCount,
    };
  });
}

/** Macro average over classes present in labels or predictions; null when there is none. */
export function macroScores(scores: readonly ClassScores[]): MacroScores | null {
  const present = scores.filter((s) => s.support > 0 || s.predictedCount > 0);
  if (present.length === 0) return null;
  const mean = (f: (s: ClassScores) => number): number => present.reduce((a, s) => a + f(s), 0) / present.length;
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) };
}
