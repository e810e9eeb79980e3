import { normaliseLabel } from '../performance/task';
import type { LabelledPrediction, TaskShape } from '../performance/performance.types';

/** One labelled prediction reduced to its error: 0/1 (misclassified) or the absolute error (regression). */
export interface ErrorPoint {
  readonly eventId: string;
  /** Prediction event time, epoch ms. */
  readonly eventTime: number;
  readonly error: number;
}

/** Argmax of a class → probability map; ties go to the first class in sorted order, so the choice is stable. */
function argmax(probabilities: Readonly<Record<string, number>>): string | null {
  let best: string | null = null;
  let bestP = -Infinity;
  for (const cls of Object.keys(probabilities).sort()) {
    const p = probabilities[cls];
    if (Number.isFinite(p) && p > bestP) {
      best = cls;
      bestP = p;
    }
  }
  return best;
}

function predictedClass(row: LabelledPrediction): string | null {
  switch (row.kind) {
    case 'probabilities':
      return argmax(row.probabilities);
    case 'class':
      return row.class;
    case 'number':
      // Binary scores are read by classificationError; anywhere else a number is a class code.
      return row.number === null || !Number.isFinite(row.number) ? null : String(row.number);
  }
}

function classificationError(row: LabelledPrediction, label: number | string | boolean, shape: TaskShape): number | null {
  // Compared as text, as the metrics read labels: `true` and `"true"`, `1` and `"1"` are the same class.
  const truth = normaliseLabel(label);
  if (row.kind === 'number' && shape.task === 'binary' && shape.positiveClass !== null) {
    if (row.number === null || !Number.isFinite(row.number)) return null;
    return row.number >= 0.5 === (truth === shape.positiveClass) ? 0 : 1;
  }
  const predicted = predictedClass(row);
  return predicted === null ? null : predicted === truth ? 0 : 1;
}

function numericLabel(label: number | string | boolean): number | null {
  if (typeof label === 'number') return Number.isFinite(label) ? label : null;
  if (typeof label === 'string' && label.trim() !== '') {
    const n = Number(label);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function regressionError(row: LabelledPrediction, label: number | string | boolean): number | null {
  const truth = numericLabel(label);
  if (truth === null || row.kind !== 'number' || row.number === null || !Number.isFinite(row.number)) return null;
  return Math.abs(row.number - truth);
}

/**
 * The error stream the streaming detectors read: labelled rows only, in prediction event-time order
 * (ties by eventId, so a replay gives the same order). Classification: 1 when misclassified (a binary
 * score ≥ 0.5 predicts the positive class; a probability map its argmax), else 0. Regression: the
 * absolute error. A row whose prediction cannot be compared with its label (an empty probability map,
 * a non-numeric regression label) has no error and is left out rather than guessed.
 */
export function errorStream(rows: readonly LabelledPrediction[], shape: TaskShape): ErrorPoint[] {
  const points: ErrorPoint[] = [];
  for (const row of rows) {
    if (row.label === null) continue;
    const error = shape.task === 'regression' ? regressionError(row, row.label) : classificationError(row, row.label, shape);
    if (error !== null) points.push({ eventId: row.eventId, eventTime: row.eventTime, error });
  }
  return points.sort(compareErrorPoints);
}

/** Event-time order, ties by eventId (code-unit order, as ClickHouse sorts strings). */
export function compareErrorPoints(a: Pick<ErrorPoint, 'eventId' | 'eventTime'>, b: Pick<ErrorPoint, 'eventId' | 'eventTime'>): number {
  if (a.eventTime !== b.eventTime) return a.eventTime - b.eventTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
