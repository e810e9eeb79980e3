import {
  INCIDENT_SCHEMA_VERSION,
  type EvaluationMessage,
  type Finding,
  type IncidentEvent,
  type IncidentEventType,
  type IncidentKind,
  type Severity,
} from '@driftwatch/contracts';
import { incidentIdOf } from './incident-id.util';
import type { IncidentPolicy } from './incident-policy';
import { keyOf, type IncidentRecord, type KeyState, type ModelIncidentState, type OpenIncident } from './incident-state';
import { isTimerSilence } from './timer-silence.util';

/** Evaluation ids remembered per model version and granularity; a repeat older than this many is caught by the window order check. */
export const MAX_APPLIED_EVALUATION_IDS = 512;

const SEVERITY_RANK: Record<Severity, number> = { warning: 1, critical: 2 };

/** 'other-model': the evaluation is of another model, version or granularity than the state (a caller's bug). */
export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'other-model';

export interface ApplyResult {
  outcome: ApplyOutcome;
  /** The state after the evaluation (the input state itself when nothing was applied). */
  state: ModelIncidentState;
  /** Lifecycle events to publish, in order. */
  events: IncidentEvent[];
  /** Incidents whose stored view changed (a superset of the events': evidence updates inside the cooldown too). */
  changed: IncidentRecord[];
}

/**
 * Applies one evaluation to its model version's incident state (one state per model, version
 * and granularity: versions live together are judged apart, and every rule below, counting and
 * ordering alike, holds within one version). Pure: the input state is not modified,
 * and every time written into an incident is taken from the evaluation (window ends), never
 * from the clock, so applying the same evaluations again after a crash yields byte-identical
 * events (same ids, same updatedAt, hence the same webhook delivery ids).
 *
 * Rules, per (kind, feature) key:
 * - a finding of the key is a bad window, its absence a clean one;
 * - when `judged` is false (too few events) only `silence` keys are judged: drift keys neither
 *   count as bad nor as clean, their streaks carry over;
 * - `openAfter` consecutive bad windows open one incident; while it is open, further bad
 *   windows update its evidence, and are published as 'updated' only if the severity rises or
 *   `cooldownSeconds` (event time) passed since the last published event;
 * - `resolveAfter` consecutive clean windows resolve it; a bad window in between restarts the
 *   count, so flapping data keeps one incident open instead of opening many;
 * - an evaluation id seen before is ignored ('duplicate'), and so is a window starting before the
 *   newest one applied ('stale'): counting it would break "consecutive".
 * - a timer silence (isTimerSilence: no window closed for a while, its window a slot of the
 *   evaluator's clock) is ordered apart: it judges only silence keys, never moves the window
 *   watermark (backfilled or late windows, older in event time than "now", must still count),
 *   and is 'stale' when older than the newest timer silence applied, when a real window
 *   starting at or after its slot was applied (traffic was flowing then), or when it was decided
 *   (evaluatedAt) before the newest window applied was evaluated (its check raced with windows
 *   closing again: it would count as a bad window after traffic came back). Real windows judge the
 *   silence key too, so the silence incident resolves after `resolveAfter` windows with events.
 * - a performance evaluation (subject 'performance': the window's labelled predictions, published
 *   when its labels are in, long after the window's data evaluation) judges only
 *   performance_degradation keys, and a data evaluation every key but those: a window's data
 *   evaluation says nothing about the model's performance, so it neither extends nor breaks a
 *   performance streak, and the other way round. Performance evaluations are ordered among
 *   themselves (their own ids and window watermark): one for a window older than the newest data
 *   window still applies, one older than the newest performance window applied is 'stale'.
 * Incident times never go backwards: a silence opened at a clock slot and resolved by a
 * backfilled window keeps updatedAt >= openedAt.
 */
export function applyEvaluation(current: ModelIncidentState, evaluation: EvaluationMessage, policy: IncidentPolicy): ApplyResult {
  const unchanged = (outcome: ApplyOutcome): ApplyResult => ({ outcome, state: current, events: [], changed: [] });
  if (evaluation.modelId !== current.modelId || evaluation.modelVersion !== current.modelVersion || evaluation.granularity !== current.granularity) {
    return unchanged('other-model');
  }
  const performance = isPerformanceEvaluation(evaluation);
  const timer = !performance && isTimerSilence(evaluation);
  const skipped = performance ? performanceOrder(current, evaluation) : timer ? timerOrder(current, evaluation) : windowOrder(current, evaluation);
  if (skipped) return unchanged(skipped);
  const lastSilenceStart = current.lastSilenceStart ?? null;

  const state: ModelIncidentState = structuredClone(current);
  const events: IncidentEvent[] = [];
  const changed: IncidentRecord[] = [];
  // A finding of the other subject is not this evaluation's to judge (the contract rejects such messages anyway).
  const ownKind = (kind: IncidentKind) => (kind === 'performance_degradation') === performance;
  const findings = findingsByKey(evaluation, ownKind);

  const judgedKey = (ks: Pick<KeyState, 'kind'>) => ownKind(ks.kind) && (evaluation.judged || ks.kind === 'silence');
  const keys = new Set([...findings.keys(), ...Object.keys(state.keys)]);
  for (const key of [...keys].sort()) {
    const finding = findings.get(key);
    let ks = state.keys[key];
    if (!ks) {
      if (!finding) continue;
      ks = { kind: finding.kind, feature: finding.feature, consecutiveBad: 0, consecutiveClean: 0, streakStart: null, streakSeverity: null, open: null };
    }
    if (!judgedKey(ks)) continue;
    state.keys[key] = ks;
    const step = finding ? onBad(state, ks, finding, evaluation, policy) : onClean(ks, evaluation, policy);
    if (step) {
      if (step.publish) events.push(toEvent(state, ks, step.incident, step.publish));
      changed.push(toRecord(state, ks, step.incident, step.publish ?? step.lastEventType));
    }
    if (!ks.open && ks.consecutiveBad === 0) delete state.keys[key];
  }

  if (performance) {
    // Its own ids and watermark: the data watermark and the timer's stay as they were.
    state.appliedPerformanceIds = remember(state.appliedPerformanceIds ?? [], evaluation.evaluationId);
    state.lastPerformanceWindowStart = Math.max(state.lastPerformanceWindowStart ?? evaluation.windowStart, evaluation.windowStart);
  } else {
    state.appliedEvaluationIds = remember(state.appliedEvaluationIds, evaluation.evaluationId);
    if (timer) state.lastSilenceStart = Math.max(lastSilenceStart ?? evaluation.windowStart, evaluation.windowStart);
    else {
      state.lastWindowStart = Math.max(state.lastWindowStart ?? evaluation.windowStart, evaluation.windowStart);
      state.lastWindowEvaluatedAt = Math.max(state.lastWindowEvaluatedAt ?? evaluation.evaluatedAt, evaluation.evaluatedAt);
    }
  }
  state.revision += 1;
  return { outcome: 'applied', state, events, changed };
}

/**
 * The silence of a model is the model's, not a version's: the evaluator's timer names the version
 * that closed a window last, but traffic may come back on another one (a rollout or a rollback
 * right after a gap). So a real window with events of any version, once applied to its own
 * version's state, also counts as a clean window for the silence key of `other` (another version
 * of the same model and granularity): an open silence resolves after `resolveAfter` such windows,
 * a silence streak is broken. Nothing else of `other` changes (no ids, no watermarks), and
 * 'other-model' is returned when there is nothing to judge. Deterministic in the applied
 * evaluations, so replay-safe like applyEvaluation.
 */
export function applySilenceOfOtherVersion(other: ModelIncidentState, evaluation: EvaluationMessage, policy: IncidentPolicy): ApplyResult {
  const unchanged: ApplyResult = { outcome: 'other-model', state: other, events: [], changed: [] };
  const sameModel = other.modelId === evaluation.modelId && other.granularity === evaluation.granularity && other.modelVersion !== evaluation.modelVersion;
  if (!sameModel || isPerformanceEvaluation(evaluation) || isTimerSilence(evaluation) || evaluation.eventCount === 0) return unchanged;
  const key = keyOf('silence', null);
  if (!other.keys[key]) return unchanged;
  const state: ModelIncidentState = structuredClone(other);
  const ks = state.keys[key];
  const step = onClean(ks, evaluation, policy);
  const events: IncidentEvent[] = [];
  const changed: IncidentRecord[] = [];
  if (step) {
    if (step.publish) events.push(toEvent(state, ks, step.incident, step.publish));
    changed.push(toRecord(state, ks, step.incident, step.publish ?? step.lastEventType));
  }
  if (!ks.open && ks.consecutiveBad === 0) delete state.keys[key];
  state.revision += 1;
  return { outcome: 'applied', state, events, changed };
}

/** Why a data window is skipped, if it is. */
function windowOrder(current: ModelIncidentState, evaluation: EvaluationMessage): ApplyOutcome | null {
  if (current.appliedEvaluationIds.includes(evaluation.evaluationId)) return 'duplicate';
  if (current.lastWindowStart !== null && evaluation.windowStart < current.lastWindowStart) return 'stale';
  return null;
}

/** Why a timer silence is skipped, if it is. */
function timerOrder(current: ModelIncidentState, evaluation: EvaluationMessage): ApplyOutcome | null {
  if (current.appliedEvaluationIds.includes(evaluation.evaluationId)) return 'duplicate';
  const lastSilenceStart = current.lastSilenceStart ?? null;
  if (lastSilenceStart !== null && evaluation.windowStart <= lastSilenceStart) return 'stale';
  if (current.lastWindowStart !== null && evaluation.windowStart <= current.lastWindowStart) return 'stale';
  const windowEvaluatedAt = current.lastWindowEvaluatedAt ?? null;
  if (windowEvaluatedAt !== null && evaluation.evaluatedAt <= windowEvaluatedAt) return 'stale';
  return null;
}

/** Why a performance evaluation is skipped, if it is: by its own ids and watermark only. */
function performanceOrder(current: ModelIncidentState, evaluation: EvaluationMessage): ApplyOutcome | null {
  if ((current.appliedPerformanceIds ?? []).includes(evaluation.evaluationId)) return 'duplicate';
  const lastPerformanceStart = current.lastPerformanceWindowStart ?? null;
  if (lastPerformanceStart !== null && evaluation.windowStart < lastPerformanceStart) return 'stale';
  return null;
}

interface Step {
  incident: OpenIncident;
  /** The event to publish, if any. */
  publish?: IncidentEventType;
  /** For a stored-only change: the type of the last published event. */
  lastEventType: IncidentEventType;
}

function onBad(state: ModelIncidentState, ks: KeyState, finding: Finding, evaluation: EvaluationMessage, policy: IncidentPolicy): Step | undefined {
  ks.consecutiveClean = 0;
  const open = ks.open;
  // Event time and the timer's clock slots meet on silence keys: never let an incident's time run back.
  const at = Math.max(evaluation.windowEnd, open?.updatedAt ?? evaluation.windowEnd);
  if (open) {
    open.badWindows += 1;
    open.evidence = finding;
    open.windowStart = evaluation.windowStart;
    open.windowEnd = evaluation.windowEnd;
    open.updatedAt = at;
    open.revision += 1;
    const escalated = SEVERITY_RANK[finding.severity] > SEVERITY_RANK[open.severity];
    if (escalated) open.severity = finding.severity;
    if (escalated || at - open.lastNotifiedAt >= policy.cooldownSeconds * 1000) {
      open.lastNotifiedAt = at;
      return { incident: open, publish: 'updated', lastEventType: 'updated' };
    }
    return { incident: open, lastEventType: open.openedAt === open.lastNotifiedAt ? 'opened' : 'updated' };
  }
  if (ks.consecutiveBad === 0) {
    ks.streakStart = evaluation.windowStart;
    ks.streakSeverity = finding.severity;
  } else if (!ks.streakSeverity || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[ks.streakSeverity]) {
    ks.streakSeverity = finding.severity;
  }
  ks.consecutiveBad += 1;
  if (ks.consecutiveBad < policy.openAfter) return undefined;
  const incident: OpenIncident = {
    incidentId: incidentIdOf(state.modelId, state.modelVersion, state.granularity, ks.kind, ks.feature, ks.streakStart ?? evaluation.windowStart),
    modelVersion: state.modelVersion,
    severity: ks.streakSeverity ?? finding.severity,
    openedAt: at,
    updatedAt: at,
    lastNotifiedAt: at,
    windowStart: evaluation.windowStart,
    windowEnd: evaluation.windowEnd,
    badWindows: ks.consecutiveBad,
    evidence: finding,
    revision: 1,
  };
  ks.open = incident;
  return { incident, publish: 'opened', lastEventType: 'opened' };
}

function onClean(ks: KeyState, evaluation: EvaluationMessage, policy: IncidentPolicy): Step | undefined {
  ks.consecutiveBad = 0;
  ks.streakStart = null;
  ks.streakSeverity = null;
  const open = ks.open;
  if (!open) return undefined;
  ks.consecutiveClean += 1;
  if (ks.consecutiveClean < policy.resolveAfter) return undefined;
  ks.open = null;
  ks.consecutiveClean = 0;
  const resolved: OpenIncident = {
    ...open,
    updatedAt: Math.max(evaluation.windowEnd, open.updatedAt),
    windowStart: evaluation.windowStart,
    windowEnd: evaluation.windowEnd,
    revision: open.revision + 1,
  };
  return { incident: resolved, publish: 'resolved', lastEventType: 'resolved' };
}

/** True for an evaluation of the model's performance; absent subject means data (every evaluation written before it existed). */
export function isPerformanceEvaluation(evaluation: EvaluationMessage): boolean {
  return evaluation.subject === 'performance';
}

/** The ids with `id` appended, the oldest dropped beyond MAX_APPLIED_EVALUATION_IDS. */
function remember(ids: readonly string[], id: string): string[] {
  const out = [...ids, id];
  return out.length > MAX_APPLIED_EVALUATION_IDS ? out.slice(out.length - MAX_APPLIED_EVALUATION_IDS) : out;
}

/** One finding per key; should the evaluator send two, the more severe (then the first) wins. */
function findingsByKey(evaluation: EvaluationMessage, keep: (kind: IncidentKind) => boolean): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const finding of evaluation.findings) {
    if (!keep(finding.kind)) continue;
    const key = keyOf(finding.kind, finding.feature);
    const seen = out.get(key);
    if (!seen || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[seen.severity]) out.set(key, finding);
  }
  return out;
}

function toRecord(state: ModelIncidentState, ks: KeyState, incident: OpenIncident, lastEventType: IncidentEventType): IncidentRecord {
  const resolved = lastEventType === 'resolved';
  return {
    incidentId: incident.incidentId,
    modelId: state.modelId,
    modelVersion: incident.modelVersion,
    granularity: state.granularity,
    kind: ks.kind,
    feature: ks.feature,
    severity: incident.severity,
    status: resolved ? 'resolved' : 'open',
    openedAt: incident.openedAt,
    updatedAt: incident.updatedAt,
    resolvedAt: resolved ? incident.updatedAt : null,
    windowStart: incident.windowStart,
    windowEnd: incident.windowEnd,
    evidence: incident.evidence,
    badWindows: incident.badWindows,
    lastEventType,
    revision: incident.revision,
  };
}

function toEvent(state: ModelIncidentState, ks: KeyState, incident: OpenIncident, eventType: IncidentEventType): IncidentEvent {
  const { lastEventType: _l, revision: _r, ...rest } = toRecord(state, ks, incident, eventType);
  return { schemaVersion: INCIDENT_SCHEMA_VERSION, eventType, ...rest };
}
