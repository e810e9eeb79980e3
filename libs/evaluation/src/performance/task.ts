/**
 * What a model does, read from its stored predictions and joined labels, and how each row is
 * read as a (label, prediction) pair.
 *
 * Labels become strings for classification: a boolean is "true" / "false", a number String(n)
 * (so the label 1 and the class "1" are one class, and a label keys a probability map).
 *
 * Inference (`task: 'auto'`), from the prediction kind of the rows:
 * - `probabilities` → classification. The classes are the keys of every map ∪ the labels.
 *   Exactly two → binary, the positive class being "1" or "true" when one of them is, else
 *   the second in sorted order (the score is the map's probability of it); otherwise multiclass.
 * - `class` → classification over the predicted classes ∪ the labels: two → binary (same
 *   positive class rule), one class that is one side of a boolean pair ("0"/"1",
 *   "false"/"true") → binary with its pair, otherwise multiclass.
 * - `number` → a binary score when every label is one of 0, 1, true, false, "0", "1", "true",
 *   "false" and every number is in [0, 1]; regression otherwise. The classes are
 *   ["false", "true"] when the labels are spelt as booleans only, else ["0", "1"]; positive
 *   "1" / "true". A boolean-like label is read as its pair's spelling ("true" ≡ "1").
 * - mixed kinds: the kind of most rows decides (a model's output shape does not change
 *   within a version; a few odd rows then fail to read, see readPair).
 *
 * A policy task other than 'auto' fixes the task; classes and positive class are still read
 * from the rows by the rules above. A `hint` (the baseline snapshot's task and classes) wins
 * over both, so a window is read like its baseline: a one-class window of a binary model stays
 * binary, and the baseline's positive class is the window's. New classes a multiclass window
 * shows are added to the hint's.
 */
import type { PredictionKind } from '@driftwatch/contracts';
import type { PerformancePolicy } from '../policy/policy.types';
import type { LabelledPrediction, TaskShape } from './performance.types';

const TRUE_SPELLINGS = new Set(['1', 'true']);
const FALSE_SPELLINGS = new Set(['0', 'false']);

/** A label as a class name: booleans "true"/"false", numbers String(n), strings as given. */
export function normaliseLabel(label: number | string | boolean): string {
  return typeof label === 'boolean' ? (label ? 'true' : 'false') : String(label);
}

/** The kind most rows have (ties: probabilities, then class, then number); null without rows. */
export function dominantKind(rows: readonly LabelledPrediction[]): PredictionKind | null {
  const counts: Record<PredictionKind, number> = { probabilities: 0, class: 0, number: 0 };
  for (const r of rows) counts[r.kind]++;
  let best: PredictionKind | null = null;
  for (const k of ['probabilities', 'class', 'number'] as const) if (counts[k] > 0 && (best === null || counts[k] > counts[best])) best = k;
  return best;
}

export function inferTask(rows: readonly LabelledPrediction[], task: PerformancePolicy['task'], hint?: TaskShape): TaskShape {
  if (hint) return followHint(rows, hint);
  const kind = dominantKind(rows);
  const forced = task === 'auto' ? null : task;
  if (forced === 'regression') return { task: 'regression', positiveClass: null, classes: [] };
  if (kind === null) return { task: forced ?? 'regression', positiveClass: null, classes: [] };
  const labels = rows.flatMap((r) => (r.label === null ? [] : [normaliseLabel(r.label)]));
  if (kind === 'number') {
    const booleanLabels = labels.every((l) => TRUE_SPELLINGS.has(l) || FALSE_SPELLINGS.has(l));
    const scores = rows.every((r) => r.kind !== 'number' || (r.number !== null && r.number >= 0 && r.number <= 1));
    if (forced === 'multiclass') return { task: 'multiclass', positiveClass: null, classes: sortedUnique([...labels, ...predictedClasses(rows)]) };
    if (forced === 'binary' || (booleanLabels && scores)) {
      const spelt = labels.length > 0 && labels.every((l) => l === 'true' || l === 'false');
      return spelt ? { task: 'binary', positiveClass: 'true', classes: ['false', 'true'] } : { task: 'binary', positiveClass: '1', classes: ['0', '1'] };
    }
    return { task: 'regression', positiveClass: null, classes: [] };
  }
  // A number among class predictions is an odd row (it fails to read), not a class.
  const classes = sortedUnique([...labels, ...predictedClasses(rows.filter((r) => r.kind !== 'number'))]);
  const pair = classes.length === 1 ? booleanPair(classes[0]) : null;
  const binaryClasses = classes.length === 2 ? classes : pair;
  if (forced !== 'multiclass' && binaryClasses !== null) {
    return { task: 'binary', positiveClass: positiveOf(binaryClasses), classes: binaryClasses };
  }
  return { task: 'multiclass', positiveClass: null, classes };
}

function followHint(rows: readonly LabelledPrediction[], hint: TaskShape): TaskShape {
  if (hint.task !== 'multiclass') return { task: hint.task, positiveClass: hint.positiveClass, classes: [...hint.classes] };
  const labels = rows.flatMap((r) => (r.label === null ? [] : [normaliseLabel(r.label)]));
  return { task: 'multiclass', positiveClass: null, classes: sortedUnique([...hint.classes, ...labels, ...predictedClasses(rows)]) };
}

function predictedClasses(rows: readonly LabelledPrediction[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.kind === 'class' && r.class !== null) out.push(r.class);
    else if (r.kind === 'probabilities') out.push(...Object.keys(r.probabilities));
    else if (r.kind === 'number' && r.number !== null) out.push(String(r.number));
  }
  return out;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function booleanPair(c: string): string[] | null {
  if (c === '0' || c === '1') return ['0', '1'];
  if (c === 'false' || c === 'true') return ['false', 'true'];
  return null;
}

function positiveOf(classes: readonly string[]): string {
  return classes.find((c) => TRUE_SPELLINGS.has(c)) ?? classes[1];
}

/**
 * A label of a binary task as one of its two classes: its own spelling when it is one, else its
 * boolean twin ("true" for "1", "0" for "false", …) when the classes are a boolean pair.
 * @returns undefined when the label is neither.
 */
export function binaryLabel(label: string, shape: TaskShape): string | undefined {
  if (shape.classes.includes(label)) return label;
  const positive = shape.positiveClass;
  if (positive === null || !TRUE_SPELLINGS.has(positive)) return undefined;
  const negative = shape.classes.find((c) => c !== positive);
  if (TRUE_SPELLINGS.has(label)) return positive;
  if (FALSE_SPELLINGS.has(label) && negative !== undefined && FALSE_SPELLINGS.has(negative)) return negative;
  return undefined;
}
