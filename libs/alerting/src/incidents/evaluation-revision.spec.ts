import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import { evaluation, finding, MINUTE, T0 } from './evaluation.test-util';
import { MAX_JOURNAL_WINDOWS } from './evaluation-revision';
import { incidentIdOf } from './incident-id.util';
import { applyEvaluation, type ApplyOutcome } from './incident-machine';
import { DEFAULT_INCIDENT_POLICY, type IncidentPolicy } from './incident-policy';
import { emptyModelState, type IncidentRecord, type ModelIncidentState } from './incident-state';

function run(evaluations: EvaluationMessage[], policy: Partial<IncidentPolicy> = {}, start?: ModelIncidentState) {
  let state = start ?? emptyModelState('m', '1', 'window');
  const events: IncidentEvent[] = [];
  const changed: IncidentRecord[] = [];
  const outcomes: ApplyOutcome[] = [];
  for (const e of evaluations) {
    const result = applyEvaluation(state, e, { ...DEFAULT_INCIDENT_POLICY, ...policy });
    state = result.state;
    events.push(...result.events);
    changed.push(...result.changed);
    outcomes.push(result.outcome);
  }
  return { state, events, changed, outcomes };
}

const drift = (severity: 'warning' | 'critical' = 'warning', value = 0.2) => finding('data_drift', 'income', severity, value);
const INCOME = incidentIdOf('m', '1', 'window', 'data_drift', 'income', T0);
/** Window i re-evaluated with `late` late events (its revision), judged later than at its close. */
const revised = (i: number, findings: ReturnType<typeof drift>[], late: number, overrides: Partial<EvaluationMessage> = {}) =>
  evaluation(i, findings, { revision: late, evaluatedAt: T0 + (i + 5) * MINUTE, ...overrides });

describe('applyEvaluation: revisions of a window (late events)', () => {
  it('a window judged clean and drifted after its late events opens the incident (openAfter 1), named after that window, stamped with the newest window', () => {
    const { events, outcomes, state } = run([evaluation(0, []), evaluation(1, []), revised(0, [drift('critical')], 40)]);
    expect(outcomes).toEqual(['applied', 'applied', 'revised']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'opened',
      incidentId: INCOME,
      severity: 'critical',
      badWindows: 1,
      openedAt: T0 + 2 * MINUTE,
      updatedAt: T0 + 2 * MINUTE,
      windowStart: T0,
      windowEnd: T0 + MINUTE,
      evidence: drift('critical'),
    });
    expect(state.journal?.map((e) => [e.windowStart, e.revision])).toEqual([
      [T0, 40],
      [T0 + MINUTE, 0],
    ]);
  });

  it('counts a revised window in the streak: with openAfter 2 a window unjudged at close (too few events) and bad after opens with its neighbour', () => {
    const { events, outcomes } = run(
      [evaluation(0, [], { judged: false, eventCount: 40 }), evaluation(1, [drift()]), revised(0, [drift()], 900, { eventCount: 940 })],
      { openAfter: 2 },
    );
    expect(outcomes).toEqual(['applied', 'applied', 'revised']);
    expect(events.map((e) => [e.eventType, e.incidentId, e.badWindows])).toEqual([['opened', INCOME, 2]]);
    // The same incident the windows would have opened had they been judged so at first.
    expect(run([evaluation(0, [drift()]), evaluation(1, [drift()])], { openAfter: 2 }).events[0].incidentId).toBe(INCOME);
  });

  it('a revision bridging two runs opens the streak they make together, at its highest severity', () => {
    const { events } = run([evaluation(0, [drift()]), evaluation(1, []), evaluation(2, [drift('critical')]), revised(1, [drift()], 3)], { openAfter: 3 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType: 'opened', incidentId: INCOME, badWindows: 3, severity: 'critical', openedAt: T0 + 3 * MINUTE });
  });

  it('a bad window judged clean after its late events stops an opening', () => {
    const policy = { openAfter: 2 };
    expect(run([evaluation(0, [drift()]), evaluation(1, [drift()])], policy).events).toHaveLength(1);
    const { events, state } = run([evaluation(0, [drift()]), revised(0, [], 12), evaluation(1, [drift()])], policy);
    expect(events).toEqual([]);
    expect(state.keys['data_drift\u0000income']).toMatchObject({ consecutiveBad: 1, streakStart: T0 + MINUTE });
  });

  it('a bad window judged clean after its late events can resolve: the clean run now holds resolveAfter windows', () => {
    const { events, outcomes } = run([evaluation(0, [drift()]), evaluation(1, [drift()]), evaluation(2, []), evaluation(3, []), revised(1, [], 7)]);
    expect(outcomes.at(-1)).toBe('revised');
    expect(events.map((e) => e.eventType)).toEqual(['opened', 'resolved']);
    // Stamped with the newest window (time never runs back) and the window that resolved it; the evidence stays the last bad one.
    expect(events[1]).toMatchObject({ incidentId: INCOME, updatedAt: T0 + 4 * MINUTE, resolvedAt: T0 + 4 * MINUTE, windowStart: T0 + MINUTE, badWindows: 2, evidence: drift() });
  });

  it('a window newly bad while the incident is open updates its evidence under the cooldown, and never opens it twice', () => {
    const sequence = [evaluation(0, [drift()]), evaluation(1, []), evaluation(2, [drift()]), revised(1, [drift('warning', 0.5)], 2)];
    const quiet = run(sequence);
    expect(quiet.events.map((e) => e.eventType)).toEqual(['opened']);
    expect(quiet.changed.at(-1)).toMatchObject({ incidentId: INCOME, badWindows: 3, evidence: drift('warning', 0.5), windowStart: T0 + MINUTE, updatedAt: T0 + 3 * MINUTE + 1, lastEventType: 'opened' });

    // The cooldown counts from the last notification (window 2's), in event time: a minute is not enough, none is.
    expect(run(sequence, { cooldownSeconds: 60 }).events.map((e) => e.eventType)).toEqual(['opened', 'updated']);
    const loud = run(sequence, { cooldownSeconds: 0 });
    expect(loud.events.map((e) => [e.eventType, e.badWindows, e.updatedAt])).toEqual([
      ['opened', 1, T0 + MINUTE],
      ['updated', 2, T0 + 3 * MINUTE],
      // 1 ms after the update it follows, so its webhook delivery id (incident, type, updatedAt) differs.
      ['updated', 3, T0 + 3 * MINUTE + 1],
    ]);
  });

  it('a bad window that turns worse re-notifies at once (severity rose) without counting the window twice', () => {
    const { events } = run([evaluation(0, [drift()]), evaluation(1, []), revised(0, [drift('critical', 0.6)], 5)]);
    expect(events.map((e) => [e.eventType, e.severity, e.badWindows])).toEqual([
      ['opened', 'warning', 1],
      ['updated', 'critical', 1],
    ]);
  });

  it('replays byte-identically: the same evaluations from the same state give the same events, and again onto the new state nothing', () => {
    const sequence = [evaluation(0, []), evaluation(1, [drift()]), revised(0, [drift()], 3), evaluation(2, []), revised(2, [drift('critical')], 9), revised(0, [], 20)];
    const first = run(sequence, { openAfter: 2, cooldownSeconds: 0 });
    const again = run(sequence, { openAfter: 2, cooldownSeconds: 0 });
    expect(first.events.length).toBeGreaterThan(1);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(first.events));
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(first.state));
    // A crash after the state was saved: every evaluation is a repeat, nothing pages again.
    const redelivered = run(sequence, { openAfter: 2, cooldownSeconds: 0 }, first.state);
    expect(redelivered.outcomes).toEqual(sequence.map(() => 'duplicate'));
    expect(redelivered.events).toEqual([]);
  });

  it('an equal or lower revision is a duplicate, and a revision-less message of a window is revision 0', () => {
    const { outcomes, state } = run([evaluation(0, []), revised(0, [drift()], 4), revised(0, [drift()], 4), revised(0, [], 2), evaluation(0, [drift()])]);
    expect(outcomes).toEqual(['applied', 'revised', 'duplicate', 'duplicate', 'duplicate']);
    expect(state.keys['data_drift\u0000income']?.open?.badWindows).toBe(1);
  });

  it('a revision of a window older than the journal is stale (bounded state), one inside it still applies', () => {
    const windows = Array.from({ length: MAX_JOURNAL_WINDOWS + 1 }, (_, i) => evaluation(i, []));
    const { state } = run(windows);
    expect(state.journal).toHaveLength(MAX_JOURNAL_WINDOWS);
    const gone = applyEvaluation(state, revised(0, [drift()], 3), DEFAULT_INCIDENT_POLICY);
    expect(gone).toMatchObject({ outcome: 'stale', events: [] });
    expect(gone.state).toBe(state);
    const kept = applyEvaluation(state, revised(MAX_JOURNAL_WINDOWS, [drift()], 3), DEFAULT_INCIDENT_POLICY);
    expect(kept.outcome).toBe('revised');
    expect(kept.events.map((e) => e.eventType)).toEqual(['opened']);
  });

  it('does not page for a drift the windows after it already saw end: a bad window followed by resolveAfter clean ones', () => {
    const { events, outcomes } = run([evaluation(0, []), evaluation(1, []), evaluation(2, []), evaluation(3, []), revised(0, [drift()], 8)]);
    expect(outcomes.at(-1)).toBe('revised');
    expect(events).toEqual([]);
    // Two clean windows after it are not enough to have resolved it: it opens.
    expect(run([evaluation(0, []), evaluation(1, []), evaluation(2, []), revised(0, [drift()], 8)]).events.map((e) => e.eventType)).toEqual(['opened']);
  });

  it('keeps the part of a streak older than the journal: a long streak still reaches a large openAfter', () => {
    const n = MAX_JOURNAL_WINDOWS + 10;
    const bad = Array.from({ length: n }, (_, i) => evaluation(i, [drift()]));
    const { events } = run([...bad, evaluation(n, [], { judged: false, eventCount: 3 }), revised(n, [drift()], 500, { eventCount: 503 })], { openAfter: n + 1 });
    expect(events.map((e) => [e.eventType, e.incidentId, e.badWindows])).toEqual([['opened', INCOME, n + 1]]);
  });

  it('loads a state stored before the journal: new windows are journaled, a revision of an older one is stale', () => {
    const before = run([evaluation(0, [drift()]), evaluation(1, [])]).state;
    const { journal: _j, ...stored } = before;
    const old = JSON.parse(JSON.stringify(stored)) as ModelIncidentState;
    expect(applyEvaluation(old, revised(1, [drift()], 2), DEFAULT_INCIDENT_POLICY).outcome).toBe('stale');
    expect(applyEvaluation(old, evaluation(1, []), DEFAULT_INCIDENT_POLICY).outcome).toBe('duplicate');
    const next = run([evaluation(2, []), revised(2, [drift('critical')], 1)], {}, old);
    expect(next.outcomes).toEqual(['applied', 'revised']);
    expect(next.state.journal?.map((e) => e.windowStart)).toEqual([T0 + 2 * MINUTE]);
    expect(next.events.map((e) => [e.eventType, e.severity])).toEqual([['updated', 'critical']]);
  });

  it('leaves silence to the windows as they closed: a revision judges drift and quality keys only', () => {
    const sparse = evaluation(0, [finding('silence', null, 'critical', 3)], { judged: false, eventCount: 3 });
    const { events, state } = run([sparse, revised(0, [], 600, { eventCount: 603 })]);
    expect(events.map((e) => [e.eventType, e.kind])).toEqual([['opened', 'silence']]);
    expect(state.keys['silence\u0000']?.open).not.toBeNull();
  });
});
