import {
  INCIDENT_SCHEMA_VERSION,
  type EvaluationMessage,
  type Finding,
  type IncidentEvent,
  type IncidentEventType,
  type IncidentKind,
  type Severity,
} from '@driftwatch/contracts';
import { badSeverityOf, baseKeyOf, changedKeys, isRevisable, journalEntryOf, journalWith, revisionOrder } from './evaluation-revision';
import { incidentIdOf } from './incident-id.util';
import type { IncidentPolicy } from './incident-policy';
import { keyOf, type IncidentRecord, type JournalBaseKey, type JournalEntry, type KeyState, type ModelIncidentState, type OpenIncident } from './incident-state';
import { isTimerSilence } from './timer-silence.util';

/** Evaluation ids remembered per model version and granularity; a repeat older than this many is caught by the window order check. */
export const MAX_APPLIED_EVALUATION_IDS = 512;

const SEVERITY_RANK: Record<Severity, number> = { warning: 1, critical: 2 };

/**
 * 'revised': a higher revision of a data window applied before corrected its verdict (see
 * applyEvaluation); the window was counted already, so nothing else may count it again (the
 * silence of other versions). 'other-model': the evaluation is of another model, version or
 * granularity than the state (a caller's bug).
 */
export type ApplyOutcome = 'applied' | 'revised' | 'duplicate' | 'stale' | 'other-model';

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
 * - except a revision: a data window re-evaluated with its late events keeps its id and carries a
 *   higher `revision` (evaluation-revision.ts). The state journals the last MAX_JOURNAL_WINDOWS
 *   data windows applied (revision, judged, the keys they were bad for) and the revisable keys'
 *   counters before its oldest one; a higher revision of a journaled window replaces its entry and
 *   is 'revised': every revisable key (all but silence and performance_degradation) whose verdict
 *   on it changed is counted again from those counters through the journal by these very rules
 *   (onBad, onClean), i.e. as if the window had been judged so at first. Where that differs from
 *   the state: the key opens if the replay has it open and the window is newly bad for it (never a
 *   second incident: an open key stays the one incident, and a drift whose `resolveAfter` clean
 *   windows already followed does not page), an open incident the replay does not have open
 *   resolves, and a window newly bad (or worse) for a key open in both updates its evidence under
 *   the same cooldown rule; counters become the replay's. Times are the newest journaled window's
 *   end (the event time the correction arrives at), never before the incident's updatedAt (an
 *   update 1 ms after it, so its webhook delivery id is new); a verdict withdrawn (bad to clean)
 *   leaves the evidence as it was. An equal or lower revision is a 'duplicate'; a higher revision
 *   of a window gone from the journal is 'stale'.
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
  if (skipped === 'revise') return applyRevision(current, evaluation, policy);
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
      journal(state, current, journalEntryOf(evaluation, findings), policy);
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

/** Why a data window is skipped, if it is; 'revise' for a revision to apply (applyRevision). */
function windowOrder(current: ModelIncidentState, evaluation: EvaluationMessage): ApplyOutcome | 'revise' | null {
  if (current.appliedEvaluationIds.includes(evaluation.evaluationId)) return revisionOrder(current, evaluation);
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

/**
 * Appends an applied data window to the journal. The journal's base is what the revisable keys
 * counted before its oldest window: taken from `before` (the state the window was applied to)
 * when the journal starts, advanced through every window that leaves it by the same counting.
 */
function journal(state: ModelIncidentState, before: ModelIncidentState, entry: JournalEntry, policy: IncidentPolicy): void {
  let base = state.journalBase ?? {};
  if ((state.journal ?? []).length === 0) {
    base = {};
    for (const [key, ks] of Object.entries(before.keys)) if (isRevisable(ks.kind)) base[key] = baseKeyOf(ks);
  }
  const { journal: next, dropped } = journalWith(state.journal ?? [], entry);
  for (const old of dropped) {
    const keys = new Set([...Object.keys(base), ...old.bad.map((b) => keyOf(b.kind, b.feature))]);
    const advanced: Record<string, JournalBaseKey> = {};
    for (const key of [...keys].sort()) {
      const ks = replayKey(state, base[key], key, old.bad, [old], policy);
      if (ks.open || ks.consecutiveBad > 0) advanced[key] = baseKeyOf(ks);
    }
    base = advanced;
  }
  state.journal = next;
  state.journalBase = base;
}

/**
 * A key counted from the journal's base through `entries` by the machine's own rules (onBad,
 * onClean): what it would hold had the windows been judged so from the start. An incident open at
 * the base is a stand-in, and so is any incident the replay opens: only whether one is open, and
 * the counters, are read from the result.
 */
function replayKey(state: ModelIncidentState, base: JournalBaseKey | undefined, key: string, hint: readonly { kind: IncidentKind; feature: string | null }[], entries: readonly JournalEntry[], policy: IncidentPolicy): KeyState {
  const named = base ?? hint.find((b) => keyOf(b.kind, b.feature) === key) ?? entries.flatMap((e) => e.bad).find((b) => keyOf(b.kind, b.feature) === key)!;
  const ks: KeyState = {
    kind: named.kind,
    feature: named.feature,
    consecutiveBad: base?.consecutiveBad ?? 0,
    consecutiveClean: base?.consecutiveClean ?? 0,
    streakStart: base?.streakStart ?? null,
    streakSeverity: base?.streakSeverity ?? null,
    open: null,
  };
  const standIn = (severity: Severity): Finding => ({ kind: ks.kind, feature: ks.feature, severity, metric: '', value: null, threshold: 0, message: '' });
  if (base?.open) ks.open = openIncident(state, ks, standIn('warning'), { windowStart: 0, windowEnd: 0 }, 0).incident;
  for (const entry of entries) {
    if (!entry.judged) continue;
    const severity = badSeverityOf(entry, key);
    if (severity) onBad(state, ks, standIn(severity), entry, policy);
    else onClean(ks, entry, policy);
  }
  return ks;
}

/**
 * A higher revision of a journaled data window (see applyEvaluation): its entry is replaced, and
 * every key whose verdict on it changed is replayed through the journal; where the replay and
 * the state differ, the normal transitions follow.
 */
function applyRevision(current: ModelIncidentState, evaluation: EvaluationMessage, policy: IncidentPolicy): ApplyResult {
  const state: ModelIncidentState = structuredClone(current);
  const before = state.journal ?? [];
  const index = before.findIndex((e) => e.evaluationId === evaluation.evaluationId);
  const previous = before[index];
  // An unjudged window counts for no revisable key, whatever it found.
  const findings = evaluation.judged ? findingsByKey(evaluation, isRevisable) : new Map<string, Finding>();
  const entry = journalEntryOf(evaluation, findings);
  const after = [...before];
  after[index] = entry;
  state.journal = after;
  const base = state.journalBase ?? {};
  // The correction arrives at the newest window's event time: no incident time runs back before it.
  const newest = Math.max(...after.map((e) => e.windowEnd));
  const events: IncidentEvent[] = [];
  const changed: IncidentRecord[] = [];
  const named = [...Object.keys(base), ...after.flatMap((e) => e.bad.map((b) => keyOf(b.kind, b.feature))), ...Object.keys(state.keys).filter((key) => isRevisable(state.keys[key].kind))];
  const keys = [...(changedKeys(previous, entry) ?? new Set(named))].sort();
  for (const key of keys) {
    const finding = findings.get(key);
    const replayed = replayKey(state, base[key], key, [...previous.bad, ...entry.bad, ...Object.values(state.keys)], after, policy);
    const ks: KeyState = state.keys[key] ?? { ...replayed, open: null };
    const was = badSeverityOf(previous, key);
    const worse = finding !== undefined && (was === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[was]);
    const open = ks.open;
    Object.assign(ks, { consecutiveBad: replayed.consecutiveBad, consecutiveClean: replayed.consecutiveClean, streakStart: replayed.streakStart, streakSeverity: replayed.streakSeverity });
    let step: Step | undefined;
    if (open && replayed.open) {
      // 1 ms after the incident's last update when the newest window brought that: the update's
      // webhook delivery id (incident, type, updatedAt) must not be the previous one's.
      if (worse) step = updateOpen(open, finding, evaluation, Math.max(newest, open.updatedAt + 1), policy, was === null);
    } else if (open) {
      step = resolveOpen(ks, evaluation, Math.max(newest, open.updatedAt));
    } else if (replayed.open && worse) {
      // Opened as the replay opened it: named after its streak's first window, its bad windows and severity.
      const opened = replayed.open;
      step = openIncident(state, ks, finding, evaluation, newest);
      Object.assign(step.incident, { incidentId: opened.incidentId, badWindows: opened.badWindows, severity: maxSeverity(opened.severity, finding.severity) });
    }
    if (step) {
      if (step.publish) events.push(toEvent(state, ks, step.incident, step.publish));
      changed.push(toRecord(state, ks, step.incident, step.publish ?? step.lastEventType));
    }
    if (!ks.open && ks.consecutiveBad === 0) delete state.keys[key];
    else state.keys[key] = ks;
  }
  // Late events flowed after the window closed: a timer silence decided before this is out of date.
  state.lastWindowEvaluatedAt = Math.max(state.lastWindowEvaluatedAt ?? evaluation.evaluatedAt, evaluation.evaluatedAt);
  state.revision += 1;
  return { outcome: 'revised', state, events, changed };
}

function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

interface Step {
  incident: OpenIncident;
  /** The event to publish, if any. */
  publish?: IncidentEventType;
  /** For a stored-only change: the type of the last published event. */
  lastEventType: IncidentEventType;
}

type WindowSpan = Pick<EvaluationMessage, 'windowStart' | 'windowEnd'>;

function onBad(state: ModelIncidentState, ks: KeyState, finding: Finding, evaluation: WindowSpan, policy: IncidentPolicy): Step | undefined {
  ks.consecutiveClean = 0;
  const open = ks.open;
  // Event time and the timer's clock slots meet on silence keys: never let an incident's time run back.
  const at = Math.max(evaluation.windowEnd, open?.updatedAt ?? evaluation.windowEnd);
  if (open) return updateOpen(open, finding, evaluation, at, policy, true);
  if (ks.consecutiveBad === 0) {
    ks.streakStart = evaluation.windowStart;
    ks.streakSeverity = finding.severity;
  } else if (!ks.streakSeverity || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[ks.streakSeverity]) {
    ks.streakSeverity = finding.severity;
  }
  ks.consecutiveBad += 1;
  if (ks.consecutiveBad < policy.openAfter) return undefined;
  return openIncident(state, ks, finding, evaluation, at);
}

/** A bad window of an open incident (`counted`: one more bad window, not a worse verdict on one counted): its evidence, published when the severity rises or the cooldown passed. */
function updateOpen(open: OpenIncident, finding: Finding, window: WindowSpan, at: number, policy: IncidentPolicy, counted: boolean): Step {
  if (counted) open.badWindows += 1;
  open.evidence = finding;
  open.windowStart = window.windowStart;
  open.windowEnd = window.windowEnd;
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

/** The streak of `ks` (consecutiveBad windows from streakStart, at streakSeverity) opens an incident, with `finding` as its evidence. */
function openIncident(state: ModelIncidentState, ks: KeyState, finding: Finding, window: WindowSpan, at: number): Step {
  const incident: OpenIncident = {
    incidentId: incidentIdOf(state.modelId, state.modelVersion, state.granularity, ks.kind, ks.feature, ks.streakStart ?? window.windowStart),
    modelVersion: state.modelVersion,
    severity: ks.streakSeverity ?? finding.severity,
    openedAt: at,
    updatedAt: at,
    lastNotifiedAt: at,
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    badWindows: ks.consecutiveBad,
    evidence: finding,
    revision: 1,
  };
  ks.open = incident;
  return { incident, publish: 'opened', lastEventType: 'opened' };
}

function onClean(ks: KeyState, evaluation: WindowSpan, policy: IncidentPolicy): Step | undefined {
  ks.consecutiveBad = 0;
  ks.streakStart = null;
  ks.streakSeverity = null;
  const open = ks.open;
  if (!open) return undefined;
  ks.consecutiveClean += 1;
  if (ks.consecutiveClean < policy.resolveAfter) return undefined;
  return resolveOpen(ks, evaluation, Math.max(evaluation.windowEnd, open.updatedAt));
}

/** The open incident of `ks` resolves, stamped with `window` (the clean window that resolved it). */
function resolveOpen(ks: KeyState, window: WindowSpan, at: number): Step {
  const open = ks.open!;
  ks.open = null;
  ks.consecutiveClean = 0;
  const resolved: OpenIncident = { ...open, updatedAt: at, windowStart: window.windowStart, windowEnd: window.windowEnd, revision: open.revision + 1 };
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
