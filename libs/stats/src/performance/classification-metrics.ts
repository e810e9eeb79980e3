import { binaryAveragePrecision } from './average-precision';
import { brierScore } from './brier';
import { DEFAULT_CALIBRATION_BINS, expectedCalibrationError } from './calibration-error';
import {
  accuracyOf,
  classIndex,
  classScores,
  confusionMatrix,
  lookupClass,
  macroScores,
  type ClassScores,
  type MacroScores,
} from './confusion-matrix';
import { binaryLogLoss, multiclassLogLoss } from './log-loss';
import type { ClassificationPair, PerClassValue } from './pairs';
import { assertProbabilities } from './ranking.util';
import { binaryRocAuc } from './roc-auc';

export interface ClassificationOptions {
  /** Every class the model can predict or a label can take; per-class results follow this order. */
  readonly classes: readonly string[];
  /**
   * Binary windows: the positive class (one of exactly two `classes`); pairs then carry
   * `score`, the probability of this class. Without it the window is multi-class and pairs
   * carry `probabilities`.
   */
  readonly positiveClass?: string;
  /** Equal-width bins of the expected calibration error; default 10. */
  readonly calibrationBins?: number;
}

/**
 * Metrics of one classification window. A metric is null where it is undefined:
 * - everything but `count` and `perClass` for an empty window (`perClass` is then []);
 * - `rocAuc` when the labels hold a single class (binary), or when any class has no
 *   positive or no negative (multi-class one-vs-rest macro; sklearn raises in both cases);
 *   `perClassRocAuc` is null per class on the same rule;
 * - `averagePrecision` when there is no positive (binary) or a class has none (multi-class
 *   macro; sklearn warns and scores 0 for such a class);
 * - the probabilistic metrics (ROC AUC, AP, log loss, Brier, ECE) when the pairs carry no
 *   score (binary) / no probability map (multi-class);
 * - `brier` for multi-class windows (binary only).
 * Precision, recall and F1 are never null for a non-empty window: a 0/0 ratio scores 0
 * (sklearn's default `zero_division`), see confusion-matrix.ts.
 */
export interface ClassificationMetrics {
  readonly kind: 'binary' | 'multiclass';
  readonly count: number;
  readonly accuracy: number | null;
  /** Every declared class, in `classes` order. */
  readonly perClass: readonly ClassScores[];
  /** Macro average over the classes present in the labels or predictions. */
  readonly macro: MacroScores | null;
  /** Binary: the positive class's scores (sklearn's `average="binary"`); null for multi-class. */
  readonly positive: ClassScores | null;
  /** Binary: from the score; multi-class: one-vs-rest macro (`multi_class="ovr"`). */
  readonly rocAuc: number | null;
  /** Multi-class only: one-vs-rest ROC AUC per class; null for binary windows. */
  readonly perClassRocAuc: readonly PerClassValue[] | null;
  /** Binary: from the score; multi-class: one-vs-rest macro. */
  readonly averagePrecision: number | null;
  readonly perClassAveragePrecision: readonly PerClassValue[] | null;
  readonly logLoss: number | null;
  readonly brier: number | null;
  readonly expectedCalibrationError: number | null;
}

/**
 * Accuracy, precision/recall/F1 (per class and macro), ROC AUC, average precision, log loss,
 * Brier score (binary) and expected calibration error of one window of stored pairs,
 * checked against scikit-learn (libs/stats/scripts/gen_performance_fixtures.py).
 *
 * Throws a RangeError on a label or prediction outside `classes`, a score or probability
 * outside [0, 1], a probability map naming an undeclared class, or a window where only some
 * pairs carry a score / probability map.
 */
export function classificationMetrics(
  pairs: readonly ClassificationPair[],
  options: ClassificationOptions,
): ClassificationMetrics {
  const { classes, positiveClass } = options;
  const bins = options.calibrationBins ?? DEFAULT_CALIBRATION_BINS;
  const index = classIndex(classes);
  const binary = positiveClass !== undefined;
  if (binary) {
    if (classes.length !== 2) throw new RangeError(`classificationMetrics: a binary window needs exactly 2 classes, got ${classes.length}`);
    lookupClass(index, positiveClass, 'positiveClass');
  }
  const matrix = confusionMatrix(pairs, classes);
  const n = pairs.length;
  const base = {
    kind: binary ? ('binary' as const) : ('multiclass' as const),
    count: n,
    accuracy: accuracyOf(matrix),
  };
  if (n === 0) {
    return {
      ...base,
      perClass: [],
      macro: null,
      positive: null,
      rocAuc: null,
      perClassRocAuc: null,
      averagePrecision: null,
      perClassAveragePrecision: null,
      logLoss: null,
      brier: null,
      expectedCalibrationError: null,
    };
  }
  const perClass = classScores(matrix);
  const macro = macroScores(perClass);
  if (binary) {
    const positive = perClass[lookupClass(index, positiveClass, 'positiveClass')];
    const scores = binaryScores(pairs);
    const probabilistic = scores === null ? null : binaryProbabilistic(pairs, scores, positiveClass, bins);
    return {
      ...base,
      perClass,
      macro,
      positive,
      rocAuc: probabilistic?.rocAuc ?? null,
      perClassRocAuc: null,
      averagePrecision: probabilistic?.averagePrecision ?? null,
      perClassAveragePrecision: null,
      logLoss: probabilistic?.logLoss ?? null,
      brier: probabilistic?.brier ?? null,
      expectedCalibrationError: probabilistic?.ece ?? null,
    };
  }
  const probabilities = probabilityMatrix(pairs, classes, index);
  const probabilistic = probabilities === null ? null : multiclassProbabilistic(pairs, classes, index, probabilities, bins);
  return {
    ...base,
    perClass,
    macro,
    positive: null,
    rocAuc: probabilistic?.rocAuc ?? null,
    perClassRocAuc: probabilistic?.perClassRocAuc ?? null,
    averagePrecision: probabilistic?.averagePrecision ?? null,
    perClassAveragePrecision: probabilistic?.perClassAveragePrecision ?? null,
    logLoss: probabilistic?.logLoss ?? null,
    brier: null,
    expectedCalibrationError: probabilistic?.ece ?? null,
  };
}

function binaryScores(pairs: readonly ClassificationPair[]): Float64Array | null {
  const withScore = pairs.filter((p) => p.score !== undefined).length;
  if (withScore === 0) return null;
  if (withScore !== pairs.length) {
    throw new RangeError(`classificationMetrics: ${pairs.length - withScore} of ${pairs.length} pairs lack a score`);
  }
  const scores = Float64Array.from(pairs, (p) => p.score as number);
  assertProbabilities(scores, 'classificationMetrics: score');
  return scores;
}

function binaryProbabilistic(pairs: readonly ClassificationPair[], scores: Float64Array, positiveClass: string, bins: number) {
  const isPositive = Uint8Array.from(pairs, (p) => (p.actual === positiveClass ? 1 : 0));
  return {
    rocAuc: binaryRocAuc(isPositive, scores),
    averagePrecision: binaryAveragePrecision(isPositive, scores),
    logLoss: binaryLogLoss(isPositive, scores),
    brier: brierScore(isPositive, scores),
    ece: expectedCalibrationError(scores, isPositive, bins),
  };
}

/** Column c holds every pair's probability of classes[c]; null when no pair has a map. */
function probabilityMatrix(
  pairs: readonly ClassificationPair[],
  classes: readonly string[],
  index: ReadonlyMap<string, number>,
): Float64Array[] | null {
  const withMap = pairs.filter((p) => p.probabilities !== undefined).length;
  if (withMap === 0) return null;
  if (withMap !== pairs.length) {
    throw new RangeError(`classificationMetrics: ${pairs.length - withMap} of ${pairs.length} pairs lack a probability map`);
  }
  const columns = classes.map(() => new Float64Array(pairs.length));
  pairs.forEach((p, i) => {
    const map = p.probabilities as Readonly<Record<string, number>>;
    for (const key of Object.keys(map)) columns[lookupClass(index, key, `pair ${i} probabilities`)][i] = map[key];
  });
  columns.forEach((column, c) => assertProbabilities(column, `classificationMetrics: probability of ${JSON.stringify(classes[c])}`));
  return columns;
}

function multiclassProbabilistic(
  pairs: readonly ClassificationPair[],
  classes: readonly string[],
  index: ReadonlyMap<string, number>,
  columns: Float64Array[],
  bins: number,
) {
  const actual = pairs.map((p) => lookupClass(index, p.actual, 'actual'));
  const perClassRocAuc: PerClassValue[] = [];
  const perClassAveragePrecision: PerClassValue[] = [];
  classes.forEach((label, c) => {
    const isPositive = Uint8Array.from(actual, (a) => (a === c ? 1 : 0));
    perClassRocAuc.push({ label, value: binaryRocAuc(isPositive, columns[c]) });
    perClassAveragePrecision.push({ label, value: binaryAveragePrecision(isPositive, columns[c]) });
  });
  const ofActual = Float64Array.from(actual, (a, i) => columns[a][i]);
  const confidence = Float64Array.from(pairs, (p, i) => columns[lookupClass(index, p.predicted, 'predicted')][i]);
  const correct = Uint8Array.from(pairs, (p) => (p.actual === p.predicted ? 1 : 0));
  return {
    rocAuc: macroOf(perClassRocAuc),
    perClassRocAuc,
    averagePrecision: macroOf(perClassAveragePrecision),
    perClassAveragePrecision,
    logLoss: multiclassLogLoss(ofActual),
    ece: expectedCalibrationError(confidence, correct, bins),
  };
}

/** Mean over classes, or null when any class's value is undefined (sklearn raises or warns there). */
function macroOf(values: readonly PerClassValue[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v.value === null) return null;
    sum += v.value;
  }
  return sum / values.length;
}
