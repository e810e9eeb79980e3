import { revisionOf, type EvaluationMessage, type Finding, type IncidentKind, type Severity } from '@driftwatch/contracts';
import { keyOf, type JournalBaseKey, type JournalEntry, type JournalFinding, type KeyState, type ModelIncidentState } from './incident-state';

/**
 * Data windows journaled per state. A revision comes when late events change a closed window,
 * within the aggregator's allowed lateness of it: at the default one-minute windows that is a
 * few windows back, so 128 (over two hours of minute windows, over five days of hourly
 * rollups) leaves room for a slow evaluator or a backlog while keeping the stored state small
 * (an entry is its id, bounds and the keys it was bad for). A revision of an older window is
 * 'stale', as an out-of-order window is.
 */
export const MAX_JOURNAL_WINDOWS = 128;

/**
 * Kinds a revision re-judges. Silence is judged across timer slots and other versions' windows,
 * which the journal does not hold, and a late window's events flowed late rather than not at
 * all; performance evaluations are never revised (their windows are judged once their labels
 * are in) and a data window says nothing of performance.
 */
export function isRevisable(kind: IncidentKind): boolean {
  return kind !== 'silence' && kind !== 'performance_degradation';
}

/** What the journal keeps of an applied data window: `findings` one per key (see findingsByKey). */
export function journalEntryOf(evaluation: EvaluationMessage, findings: ReadonlyMap<string, Finding>): JournalEntry {
  const bad: JournalFinding[] = [];
  if (evaluation.judged) {
    for (const key of [...findings.keys()].sort()) {
      const f = findings.get(key)!;
      if (isRevisable(f.kind)) bad.push({ kind: f.kind, feature: f.feature, severity: f.severity });
    }
  }
  return {
    evaluationId: evaluation.evaluationId,
    windowStart: evaluation.windowStart,
    windowEnd: evaluation.windowEnd,
    revision: revisionOf(evaluation),
    judged: evaluation.judged,
    bad,
  };
}

/** The journal with `entry` appended, and the entries dropped from its start beyond MAX_JOURNAL_WINDOWS (oldest first). */
export function journalWith(journal: readonly JournalEntry[], entry: JournalEntry): { journal: JournalEntry[]; dropped: JournalEntry[] } {
  const out = [...journal, entry];
  const cut = Math.max(0, out.length - MAX_JOURNAL_WINDOWS);
  return { journal: out.slice(cut), dropped: out.slice(0, cut) };
}

/** The counters of a key as the journal's base holds them: an open incident is only a flag there. */
export function baseKeyOf(ks: KeyState): JournalBaseKey {
  const { open, ...counters } = ks;
  return { ...counters, open: open !== null };
}

/** The verdicts of a journaled window changed for these keys (a judged flag that changed changes them all: `null`). */
export function changedKeys(previous: JournalEntry, next: JournalEntry): Set<string> | null {
  if (previous.judged !== next.judged) return null;
  const keys = new Set([...previous.bad, ...next.bad].map((b) => keyOf(b.kind, b.feature)));
  for (const key of keys) if (badSeverityOf(previous, key) === badSeverityOf(next, key)) keys.delete(key);
  return keys;
}

/**
 * For a data window whose id was applied before: 'revise' when this is a higher revision of a
 * journaled window, 'duplicate' when it is the same or a lower one (or revision 0: nothing is
 * lower), 'stale' when it is a higher revision of a window gone from the journal (its applied
 * revision is forgotten, and so are the windows around it).
 */
export function revisionOrder(current: ModelIncidentState, evaluation: EvaluationMessage): 'revise' | 'duplicate' | 'stale' {
  const revision = revisionOf(evaluation);
  const entry = (current.journal ?? []).find((e) => e.evaluationId === evaluation.evaluationId);
  if (!entry) return revision > 0 ? 'stale' : 'duplicate';
  return revision > entry.revision ? 'revise' : 'duplicate';
}

/** The severity a journaled window was bad with for `key`; null: clean or not judged. */
export function badSeverityOf(entry: JournalEntry, key: string): Severity | null {
  if (!entry.judged) return null;
  return entry.bad.find((b) => keyOf(b.kind, b.feature) === key)?.severity ?? null;
}

