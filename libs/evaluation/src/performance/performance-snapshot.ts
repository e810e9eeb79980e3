import type { PerformanceMetrics, PerformanceSnapshot } from '@driftwatch/contracts';
import { classificationMetrics, regressionMetrics, type ClassificationPair, type RegressionPair } from '@driftwatch/stats';
import type { LabelledPrediction, TaskShape } from './performance.types';
import { binaryLabel, normaliseLabel } from './task';

/** A labelled row that cannot be read as the task's pair (e.g. a class label for a regression). */
export class PerformanceInputError extends RangeError {
  override readonly name = 'PerformanceInputError';
}

export type ReadPairs =
  | { readonly task: 'binary' | 'multiclass'; readonly pairs: ClassificationPair[]; readonly scored: boolean }
  | { readonly task: 'regression'; readonly pairs: RegressionPair[] };

/** Score ≥ this predicts the positive class (binary scores and binary probability maps). */
export const DECISION_THRESHOLD = 0.5;

/**
 * The labelled rows as metric pairs. Binary: the score is the number, or the map's
 * probability of the positive class (1 − the other class's when only that one is in the map);
 * predicted class = score ≥ 0.5 → positive. Multiclass maps: predicted class = argmax, ties to
 * the first in sorted class order. Scores / maps are used only when every labelled row has
 * one (a window mixing kinds gets the label-only metrics).
 * Throws PerformanceInputError naming the event when a row does not fit the task.
 */
export function readPairs(rows: readonly LabelledPrediction[], shape: TaskShape): ReadPairs {
  const labelled = rows.filter((r) => r.label !== null);
  if (shape.task === 'regression') return { task: 'regression', pairs: labelled.map(regressionPair) };
  const read = labelled.map((r) => (shape.task === 'binary' ? binaryPair(r, shape) : multiclassPair(r, shape)));
  const scored = read.length > 0 && read.every((p) => (shape.task === 'binary' ? p.score !== undefined : p.probabilities !== undefined));
  const pairs = scored ? read : read.map(({ actual, predicted }) => ({ actual, predicted }));
  return { task: shape.task, pairs, scored };
}

/**
 * Metrics of the labelled rows (libs/stats classificationMetrics / regressionMetrics), flat
 * names as in contracts' PerformanceMetrics: binary precision/recall/f1 are the positive
 * class's, multiclass ones the macro averages. @returns null when no row is labelled.
 */
export function computePerformance(rows: readonly LabelledPrediction[], shape: TaskShape): PerformanceSnapshot | null {
  return computePerformanceFromPairs(readPairs(rows, shape), shape);
}

/** computePerformance of pairs already read (readPairs). */
export function computePerformanceFromPairs(read: ReadPairs, shape: TaskShape): PerformanceSnapshot | null {
  if (read.pairs.length === 0) return null;
  return {
    task: shape.task,
    positiveClass: shape.task === 'binary' ? shape.positiveClass : null,
    classes: shape.task === 'regression' ? [] : [...shape.classes],
    labelled: read.pairs.length,
    metrics: metricsOf(read, shape),
  };
}

/** The flat metrics of already read pairs (also what the bootstrap intervals recompute). */
export function metricsOf(read: ReadPairs, shape: TaskShape): PerformanceMetrics {
  if (read.task === 'regression') {
    const m = regressionMetrics(read.pairs);
    return {
      mae: m.mae,
      rmse: m.rmse,
      mape: m.mape,
      r2: m.r2,
      absErrorP50: m.absoluteErrorQuantiles?.p50 ?? null,
      absErrorP90: m.absoluteErrorQuantiles?.p90 ?? null,
      absErrorP99: m.absoluteErrorQuantiles?.p99 ?? null,
    };
  }
  const binary = read.task === 'binary';
  const m = classificationMetrics(read.pairs, { classes: shape.classes, positiveClass: binary ? (shape.positiveClass ?? undefined) : undefined });
  const headline = binary ? m.positive : m.macro;
  return {
    accuracy: m.accuracy,
    precision: headline?.precision ?? null,
    recall: headline?.recall ?? null,
    f1: headline?.f1 ?? null,
    macroPrecision: m.macro?.precision ?? null,
    macroRecall: m.macro?.recall ?? null,
    macroF1: m.macro?.f1 ?? null,
    rocAuc: m.rocAuc,
    averagePrecision: m.averagePrecision,
    logLoss: m.logLoss,
    brier: m.brier,
    ece: m.expectedCalibrationError,
  };
}

function regressionPair(r: LabelledPrediction): RegressionPair {
  const label = r.label as number | string | boolean;
  const actual = typeof label === 'boolean' ? Number(label) : typeof label === 'number' ? label : label.trim() === '' ? Number.NaN : Number(label);
  if (r.kind !== 'number' || r.number === null || !Number.isFinite(r.number)) {
    throw new PerformanceInputError(`event ${r.eventId}: a regression needs a number prediction, got a ${r.kind} prediction`);
  }
  if (!Number.isFinite(actual)) throw new PerformanceInputError(`event ${r.eventId}: a regression needs a numeric label, got ${JSON.stringify(r.label)}`);
  return { actual, predicted: r.number };
}

function binaryPair(r: LabelledPrediction, shape: TaskShape): ClassificationPair {
  const positive = shape.positiveClass as string;
  const negative = shape.classes.find((c) => c !== positive) as string;
  const actual = binaryLabel(normaliseLabel(r.label as number | string | boolean), shape);
  if (actual === undefined) {
    throw new PerformanceInputError(`event ${r.eventId}: label ${JSON.stringify(r.label)} is not one of the binary classes ${shape.classes.join(', ')}`);
  }
  let score: number | undefined;
  if (r.kind === 'number' && r.number !== null) score = r.number;
  else if (r.kind === 'probabilities') {
    const p = r.probabilities;
    score = Object.hasOwn(p, positive) ? p[positive] : Object.hasOwn(p, negative) ? 1 - p[negative] : undefined;
  }
  if (score !== undefined) {
    if (!(score >= 0 && score <= 1)) throw new PerformanceInputError(`event ${r.eventId}: score ${score} of class ${positive} is not in [0, 1]`);
    return { actual, predicted: score >= DECISION_THRESHOLD ? positive : negative, score };
  }
  const predicted = r.kind === 'class' && r.class !== null ? binaryLabel(r.class, shape) : undefined;
  if (predicted === undefined) {
    throw new PerformanceInputError(`event ${r.eventId}: prediction ${JSON.stringify(r.class ?? r.probabilities)} names neither binary class (${shape.classes.join(', ')})`);
  }
  return { actual, predicted };
}

function multiclassPair(r: LabelledPrediction, shape: TaskShape): ClassificationPair {
  const actual = normaliseLabel(r.label as number | string | boolean);
  if (r.kind === 'probabilities') {
    let predicted: string | undefined;
    let best = Number.NEGATIVE_INFINITY;
    // Sorted classes and a strict comparison: a tie goes to the first class in sorted order.
    for (const c of shape.classes) {
      const p = Object.hasOwn(r.probabilities, c) ? r.probabilities[c] : 0;
      if (p > best) {
        best = p;
        predicted = c;
      }
    }
    return { actual, predicted: predicted as string, probabilities: r.probabilities };
  }
  const predicted = r.kind === 'class' ? r.class : r.number === null ? null : String(r.number);
  if (predicted === null) throw new PerformanceInputError(`event ${r.eventId}: the ${r.kind} prediction is empty`);
  return { actual, predicted };
}
