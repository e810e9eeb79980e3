import type { FeatureKind } from '../data-shapes/baseline';
import type { PerformanceEvidence } from '../data-shapes/performance';
import type { IncidentKind, Severity } from './incident-kind';

export const EVALUATION_SCHEMA_VERSION = 1;

/**
 * What made an evaluation: `window` a window (or rollup bucket) that closed with events,
 * `timer` the evaluator's silence timer, for a slot of its clock in which no window closed.
 */
export const EVALUATION_SOURCES = ['window', 'timer'] as const;
export type EvaluationSource = (typeof EVALUATION_SOURCES)[number];

/**
 * What an evaluation judges: `data` the window's inputs and predictions (every kind but
 * performance_degradation), `performance` the window's labelled predictions (only
 * performance_degradation). The alerter keeps the two apart: a data evaluation neither
 * counts as a clean nor as a bad window for performance, and performance evaluations are
 * ordered among themselves (they come later, when the labels are in).
 */
export const EVALUATION_SUBJECTS = ['data', 'performance'] as const;
export type EvaluationSubject = (typeof EVALUATION_SUBJECTS)[number];

/** Summary of one feature's values on one side (baseline or window), for evidence. */
export interface FeatureSideSummary {
  count: number;
  missingRate: number;
  typeErrors?: number;
  min?: number | null;
  max?: number | null;
  mean?: number | null;
  median?: number | null;
  /** Top categories with their shares, for categorical features. */
  topCategories?: Record<string, number>;
}

/**
 * One thing the policy judged bad in one window. The alerter keys incidents on
 * (modelId, kind, feature): a key absent from an evaluation counts as a clean window for it.
 */
export interface Finding {
  kind: IncidentKind;
  /** null for model-level kinds (dataset_drift, silence, performance_degradation, prediction_drift). */
  feature: string | null;
  severity: Severity;
  /** The metric that decided, e.g. 'psi', 'missingRate', 'newCategoryShare', 'eventCount'. */
  metric: string;
  /** null when the value is infinite. */
  value: number | null;
  threshold: number;
  /** One sentence for a person, e.g. "income: PSI 0.31 ≥ 0.25 (critical)". */
  message: string;
  baseline?: FeatureSideSummary;
  current?: FeatureSideSummary;
  /** Extra evidence, e.g. {"overseas": 151} for new categories. */
  details?: Record<string, unknown>;
}

export interface FeatureEvaluation {
  name: string;
  kind: FeatureKind;
  importance: number;
  /** Metric name to value; null for infinite or not computable. */
  metrics: Record<string, number | null>;
  drift: { detected: boolean; method: string; value: number | null; threshold: number; severity: Severity | null };
  missingRate: number;
  baselineMissingRate: number;
  typeErrorRate: number;
  newCategoryShare: number;
  outOfRangeShare: number;
}

/**
 * Published on `driftwatch.evaluations` once a window (or a rollup bucket) is judged.
 * `evaluationId` is deterministic in (model, version, granularity, start, end), so
 * evaluating a window twice yields the same id and the alerter can ignore the repeat;
 * `revision` tells a re-evaluation of the window on more data (late events) from a repeat.
 */
export interface EvaluationMessage {
  schemaVersion: typeof EVALUATION_SCHEMA_VERSION;
  evaluationId: string;
  modelId: string;
  modelVersion: string;
  granularity: 'window' | 'rollup';
  windowStart: number;
  windowEnd: number;
  evaluatedAt: number;
  baselineId: string | null;
  eventCount: number;
  /** False when the window had fewer events than the policy's minimum: nothing was judged. */
  judged: boolean;
  /**
   * Which judgement of the window this is, deterministic in what was judged: the late events
   * counted in it (a window's `lateCount`, a rollup bucket's sum over its windows), so 0 at its
   * first close and higher after every late update, and a replay of the same data gives the same
   * number. The alerter applies a higher revision of an id it applied as a correction of that
   * window's verdict, and drops an equal or lower one as a repeat. Absent: 0 (every message
   * written before the field existed, silence and performance evaluations).
   */
  revision?: number;
  features: FeatureEvaluation[];
  schema: { unknown: string[]; vanished: string[] };
  dataset: { driftShare: number; threshold: number; detected: boolean };
  findings: Finding[];
  /**
   * The model's hysteresis settings at evaluation time, so the alerter needs no store access.
   * Absent: the alerter's defaults (open after 1, resolve after 3).
   */
  policy?: EvaluationPolicyHints;
  /**
   * Who made the evaluation (see EvaluationSource). The silence timer sets 'timer' so the
   * alerter orders its clock slots apart from event-time windows. Optional: messages written
   * before the field existed carry none, and window evaluations need not say so.
   */
  source?: EvaluationSource;
  /**
   * Present when the message was cut to fit its topic's size limit: what was left out. The full
   * evaluation is the one stored (GET /api/models/{model}/drift).
   */
  evidenceTrimmed?: EvidenceTrimmed;
  /** Absent: `data` (every evaluation written before performance existed). */
  subject?: EvaluationSubject;
  /** Performance evaluations: the window's labelled predictions and the watched metric. */
  performance?: PerformanceEvidence;
  /**
   * What the drift was judged against, when the policy asks for a lagged reference (absent:
   * the baseline, as every evaluation before the option existed).
   */
  reference?: EvaluationReference;
}

/**
 * `baseline`: the baseline judged drift (with `from`/`to`/`eventCount`: the lagged span was
 * looked at but too thin or binned on another baseline). `lagged`: the stored windows of
 * [from, to) judged it. `both`: drift only where the baseline and those windows both said so.
 */
export const REFERENCE_KINDS = ['baseline', 'lagged', 'both'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface EvaluationReference {
  kind: ReferenceKind;
  /** Epoch ms: the lagged span, start inclusive, end exclusive. */
  from?: number;
  to?: number;
  /** Events stored in the lagged span (binned on the window's baseline). */
  eventCount?: number;
}

export interface EvidenceTrimmed {
  /** Size of the whole evaluation as JSON, bytes. */
  originalBytes: number;
  /** What was left out, in the order it was tried, e.g. "finding evidence (baseline, current, details)". */
  removed: string[];
}

/** Incident hysteresis from the model's policy (`alerting` section). */
export interface EvaluationPolicyHints {
  /** Consecutive bad evaluations before an incident opens. */
  openAfter: number;
  /** Consecutive clean evaluations before it resolves. */
  resolveAfter: number;
  /** Minimum time between two notifications of the same open incident. */
  cooldownSeconds: number;
}

/** The evaluation's revision; absent (messages written before the field existed) is 0. */
export function revisionOf(evaluation: Pick<EvaluationMessage, 'revision'>): number {
  return evaluation.revision ?? 0;
}
