import type { Finding, IncidentEvent, IncidentKind, Severity } from '@driftwatch/contracts';

export type Granularity = 'window' | 'rollup';

/** An incident while it is open. Times are event times (window ends), never wall clock: see incident-machine.ts. */
export interface OpenIncident {
  incidentId: string;
  /** The version of its state; in states stored before states were per version, the version of its newest bad window. */
  modelVersion: string;
  /** The highest severity seen while open: an incident never de-escalates before it resolves. */
  severity: Severity;
  openedAt: number;
  updatedAt: number;
  /** updatedAt of the last published event: the cooldown counts from here. */
  lastNotifiedAt: number;
  windowStart: number;
  windowEnd: number;
  badWindows: number;
  evidence: Finding;
  /** Bumped at every stored change; the version of the ClickHouse row. */
  revision: number;
}

/** Counters of one (kind, feature) key of a model; `open` is its one open incident, if any. */
export interface KeyState {
  kind: IncidentKind;
  feature: string | null;
  consecutiveBad: number;
  consecutiveClean: number;
  /** windowStart of the first bad window of the current streak: part of the incident id. */
  streakStart: number | null;
  /** Highest severity of the current streak before it opened. */
  streakSeverity: Severity | null;
  open: OpenIncident | null;
}

/**
 * Everything the alerter remembers about one model version at one granularity. Window and rollup
 * evaluations have separate states (separate counters, separate incidents): an hourly rollup
 * judged clean must not count as three clean minute windows, nor the other way round. Versions
 * have separate states for the same reason: with v7 and v8 live together (a canary), v7's clean
 * windows must not reset v8's bad streak, and each version's windows are ordered on their own.
 */
export interface ModelIncidentState {
  modelId: string;
  /**
   * Absent only in states stored before states were per version (one state per model): those
   * are split by splitLegacyState before use, never applied to.
   */
  modelVersion: string;
  granularity: Granularity;
  /** By `keyOf(kind, feature)`. Idle keys (nothing open, no streak) are dropped. */
  keys: Record<string, KeyState>;
  /** Recent evaluation ids, oldest first, bounded: a repeat of any of them is ignored. */
  appliedEvaluationIds: string[];
  /** Start of the newest window applied: older windows arriving later are ignored. Timer silences never move it. */
  lastWindowStart: number | null;
  /**
   * Start of the newest timer silence applied (a slot of the evaluator's clock): the ordering of
   * timer silences among themselves. Absent in states stored before it existed (read as null).
   */
  lastSilenceStart?: number | null;
  /**
   * Newest `evaluatedAt` (the evaluator's clock) of a window applied: a timer silence decided
   * before it is out of date (the timer's check raced with windows closing again). Absent in
   * states stored before it existed.
   */
  lastWindowEvaluatedAt?: number | null;
  /**
   * Recent ids of performance evaluations, oldest first, bounded: kept apart from the data ids
   * because a window's performance evaluation comes later and may share nothing with its data
   * evaluation but the window. Absent in states stored before performance existed.
   */
  appliedPerformanceIds?: string[];
  /**
   * Start of the newest window whose performance evaluation was applied: the ordering of
   * performance evaluations among themselves (labels come late, so their windows lag the data
   * watermark). Absent in states stored before performance existed (read as null).
   */
  lastPerformanceWindowStart?: number | null;
  /**
   * The data windows applied last (timer silences and performance evaluations are not in it),
   * in the order applied, at most MAX_JOURNAL_WINDOWS (evaluation-revision.ts): what a revision
   * of one of them (the window re-evaluated with its late events) needs to recount the streaks
   * it is part of. Absent in states stored before revisions existed (read as empty: a revision
   * of a window applied before is then 'stale').
   */
  journal?: JournalEntry[];
  /**
   * The revisable keys' counters just before the journal's oldest window (advanced as windows
   * leave the journal): where a revision replays the journal from. Absent with the journal.
   */
  journalBase?: Record<string, JournalBaseKey>;
  /** Bumped at every stored change; the version of the ClickHouse row. */
  revision: number;
}

/** A key a journaled window was bad for, and how bad. */
export interface JournalFinding {
  kind: IncidentKind;
  feature: string | null;
  severity: Severity;
}

/** One applied data window as far as counting goes: which revision of it, whether it was judged, the keys it was bad for. */
export interface JournalEntry {
  evaluationId: string;
  windowStart: number;
  windowEnd: number;
  /** The revision applied (EvaluationMessage.revision). */
  revision: number;
  /** False: too few events, the window counted for no revisable key. */
  judged: boolean;
  /** Revisable keys only (every kind but silence and performance_degradation), by key order; a judged window absent here was clean for them. */
  bad: JournalFinding[];
}

/** A key's counters without its incident: whether one was open is all a replay of the journal needs. */
export interface JournalBaseKey extends Omit<KeyState, 'open'> {
  open: boolean;
}

/** What the API lists and the incidents table stores: the latest view of one incident. */
export interface IncidentRecord extends Omit<IncidentEvent, 'schemaVersion' | 'eventType'> {
  granularity: Granularity;
  lastEventType: IncidentEvent['eventType'];
  revision: number;
}

export function keyOf(kind: IncidentKind, feature: string | null): string {
  return `${kind}\u0000${feature ?? ''}`;
}

export function emptyModelState(modelId: string, modelVersion: string, granularity: Granularity): ModelIncidentState {
  return { modelId, modelVersion, granularity, keys: {}, appliedEvaluationIds: [], lastWindowStart: null, lastSilenceStart: null, lastWindowEvaluatedAt: null, appliedPerformanceIds: [], lastPerformanceWindowStart: null, journal: [], journalBase: {}, revision: 0 };
}
