import { INCIDENT_SCHEMA_VERSION, type EvaluationMessage, type IncidentEvent } from '@driftwatch/contracts';
import type { ApplyResult } from './incident-machine';
import type { IncidentRecord, ModelIncidentState } from './incident-state';
import { isTimerSilence } from './timer-silence.util';

/**
 * A model version whose newest window is this much event time behind a window of another version
 * of the same model is retired: it was replaced (v7 after the v8 rollout), so no window of its
 * own will ever resolve its open incidents. The same horizon as the performance gauges'.
 */
export const VERSION_RETIRE_MS = 24 * 3600_000;

/** Start of the newest window (data or performance) a state applied; timer slots are processing time and do not count. */
export function newestWindowOf(state: ModelIncidentState): number | null {
  const starts = [state.lastWindowStart, state.lastPerformanceWindowStart ?? null].filter((s): s is number => s !== null);
  return starts.length > 0 ? Math.max(...starts) : null;
}

/**
 * Resolves the open incidents of every other version of the evaluation's model (same
 * granularity) that is retired by it (see VERSION_RETIRE_MS). The resolution is stamped with the
 * retiring evaluation's window, event time as everywhere in the machine, so a replay yields the
 * same events. Evidence and severity stay the last bad window's. Returns one result per version
 * changed; timer silences retire nothing (their slot is the evaluator's clock, not event time).
 */
export function retireVersions(states: readonly ModelIncidentState[], evaluation: EvaluationMessage): ApplyResult[] {
  if (isTimerSilence(evaluation) && evaluation.subject !== 'performance') return [];
  const results: ApplyResult[] = [];
  for (const current of states) {
    if (current.modelId !== evaluation.modelId || current.granularity !== evaluation.granularity || current.modelVersion === evaluation.modelVersion) continue;
    const newest = newestWindowOf(current);
    if (newest === null || evaluation.windowStart - newest <= VERSION_RETIRE_MS) continue;
    const openKeys = Object.entries(current.keys).filter(([, ks]) => ks.open !== null);
    if (openKeys.length === 0) continue;
    const state: ModelIncidentState = structuredClone(current);
    const events: IncidentEvent[] = [];
    const changed: IncidentRecord[] = [];
    for (const [key] of openKeys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const ks = state.keys[key];
      const open = ks.open!;
      const record: IncidentRecord = {
        incidentId: open.incidentId,
        modelId: state.modelId,
        modelVersion: open.modelVersion,
        granularity: state.granularity,
        kind: ks.kind,
        feature: ks.feature,
        severity: open.severity,
        status: 'resolved',
        openedAt: open.openedAt,
        updatedAt: Math.max(evaluation.windowEnd, open.updatedAt),
        resolvedAt: Math.max(evaluation.windowEnd, open.updatedAt),
        windowStart: open.windowStart,
        windowEnd: open.windowEnd,
        evidence: open.evidence,
        badWindows: open.badWindows,
        lastEventType: 'resolved',
        revision: open.revision + 1,
      };
      changed.push(record);
      const { lastEventType: _l, revision: _r, ...rest } = record;
      events.push({ schemaVersion: INCIDENT_SCHEMA_VERSION, eventType: 'resolved', ...rest });
      delete state.keys[key];
    }
    state.revision += 1;
    results.push({ outcome: 'applied', state, events, changed });
  }
  return results;
}
