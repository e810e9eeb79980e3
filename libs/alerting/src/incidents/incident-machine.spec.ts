import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import { evaluation, finding, MINUTE, T0 } from './evaluation.test-util';
import { incidentIdOf } from './incident-id.util';
import { applyEvaluation, MAX_APPLIED_EVALUATION_IDS } from './incident-machine';
import { DEFAULT_INCIDENT_POLICY, type IncidentPolicy } from './incident-policy';
import { emptyModelState, type ModelIncidentState } from './incident-state';

/** Applies evaluations in order, collecting every published event. */
function run(evaluations: EvaluationMessage[], policy: Partial<IncidentPolicy> = {}, start?: ModelIncidentState) {
  let state = start ?? emptyModelState('m', evaluations[0]?.granularity ?? 'window');
  const events: IncidentEvent[] = [];
  const outcomes: string[] = [];
  for (const e of evaluations) {
    const result = applyEvaluation(state, e, { ...DEFAULT_INCIDENT_POLICY, ...policy });
    state = result.state;
    events.push(...result.events);
    outcomes.push(result.outcome);
  }
  return { state, events, outcomes };
}

const drift = (severity: 'warning' | 'critical' = 'warning', value = 0.2) => finding('data_drift', 'income', severity, value);

describe('applyEvaluation', () => {
  it('opens an incident on the first bad window by default, with the evidence and event-time stamps', () => {
    const { events } = run([evaluation(0, [drift('critical', 0.31)])]);
    expect(events).toEqual([
      {
        schemaVersion: 1,
        eventType: 'opened',
        incidentId: incidentIdOf('m', 'window', 'data_drift', 'income', T0),
        modelId: 'm',
        modelVersion: '1',
        kind: 'data_drift',
        feature: 'income',
        severity: 'critical',
        status: 'open',
        openedAt: T0 + MINUTE,
        updatedAt: T0 + MINUTE,
        resolvedAt: null,
        windowStart: T0,
        windowEnd: T0 + MINUTE,
        evidence: drift('critical', 0.31),
        badWindows: 1,
        granularity: 'window',
      },
    ]);
  });

  it('opens only after openAfter consecutive bad windows, named after the first of them, at the highest severity of the streak', () => {
    const policy = { openAfter: 3 };
    const interrupted = run([evaluation(0, [drift()]), evaluation(1, [drift()]), evaluation(2, []), evaluation(3, [drift()]), evaluation(4, [drift()])], policy);
    expect(interrupted.events).toEqual([]);

    const { events } = run([evaluation(0, [drift()]), evaluation(1, [drift('critical')]), evaluation(2, [drift('warning')])], policy);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'opened',
      incidentId: incidentIdOf('m', 'window', 'data_drift', 'income', T0),
      severity: 'critical',
      badWindows: 3,
      openedAt: T0 + 3 * MINUTE,
      windowStart: T0 + 2 * MINUTE,
    });
  });

  it('resolves after resolveAfter consecutive clean windows, keeping the last bad evidence', () => {
    const { events, state } = run([
      evaluation(0, [drift('warning', 0.2)]),
      evaluation(1, [drift('warning', 0.4)]),
      evaluation(2, []),
      evaluation(3, []),
      evaluation(4, []),
    ]);
    expect(events.map((e) => e.eventType)).toEqual(['opened', 'resolved']);
    const resolved = events[1];
    expect(resolved).toMatchObject({
      incidentId: events[0].incidentId,
      status: 'resolved',
      resolvedAt: T0 + 5 * MINUTE,
      updatedAt: T0 + 5 * MINUTE,
      openedAt: T0 + MINUTE,
      windowStart: T0 + 4 * MINUTE,
      windowEnd: T0 + 5 * MINUTE,
      badWindows: 2,
      evidence: drift('warning', 0.4),
    });
    // Nothing left to remember about the key once it is resolved and clean.
    expect(state.keys).toEqual({});
  });

  it('keeps ONE incident open through flapping data (bad, clean, bad, clean, …) with resolveAfter=3', () => {
    const flapping = Array.from({ length: 20 }, (_, i) => evaluation(i, i % 2 === 0 ? [drift()] : []));
    const { events, state } = run(flapping, { resolveAfter: 3 });
    expect(events.map((e) => e.eventType)).toEqual(['opened']);
    const [open] = Object.values(state.keys);
    expect(open.open?.badWindows).toBe(10);
    // Window 19 was clean: a second clean one is still not enough, a third resolves.
    const after = run([evaluation(20, [])], { resolveAfter: 3 }, state);
    expect(after.events).toEqual([]);
    expect(run([evaluation(21, [])], { resolveAfter: 3 }, after.state).events.map((e) => e.eventType)).toEqual(['resolved']);
  });

  it('flapping with openAfter=2 never opens', () => {
    const flapping = Array.from({ length: 12 }, (_, i) => evaluation(i, i % 2 === 0 ? [drift()] : []));
    expect(run(flapping, { openAfter: 2 }).events).toEqual([]);
  });

  it('publishes "updated" at once when severity rises, never when it falls', () => {
    const { events, state } = run([evaluation(0, [drift('warning')]), evaluation(1, [drift('critical', 0.5)]), evaluation(2, [drift('warning', 0.15)])]);
    expect(events.map((e) => [e.eventType, e.severity])).toEqual([
      ['opened', 'warning'],
      ['updated', 'critical'],
    ]);
    expect(events[1]).toMatchObject({ incidentId: events[0].incidentId, badWindows: 2, evidence: drift('critical', 0.5) });
    // The stored incident still follows the evidence.
    expect(Object.values(state.keys)[0].open).toMatchObject({ severity: 'critical', badWindows: 3, evidence: drift('warning', 0.15) });
  });

  it('re-notifies an open incident only once the cooldown has passed, storing the evidence of every window meanwhile', () => {
    const cooldownSeconds = 10 * 60;
    let state = emptyModelState('m', 'window');
    const published: [number, string][] = [];
    const stored: number[] = [];
    for (let i = 0; i < 25; i++) {
      const result = applyEvaluation(state, evaluation(i, [drift('warning', i)]), { ...DEFAULT_INCIDENT_POLICY, cooldownSeconds });
      state = result.state;
      for (const e of result.events) published.push([i, e.eventType]);
      for (const c of result.changed) stored.push(c.evidence.value ?? -1);
    }
    // Opened at the end of window 0 (T0+1m); 10 minutes of event time later is the end of window 10.
    expect(published).toEqual([
      [0, 'opened'],
      [10, 'updated'],
      [20, 'updated'],
    ]);
    expect(stored).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('ignores an evaluation id already applied, and a window older than the newest applied', () => {
    const first = run([evaluation(0, [drift()]), evaluation(5, [])]);
    const again = run([evaluation(0, [drift()]), evaluation(3, [])], {}, first.state);
    expect(again.outcomes).toEqual(['duplicate', 'stale']);
    expect(again.events).toEqual([]);
    expect(again.state).toBe(first.state);
  });

  it('yields identical events when the same evaluations are replayed onto the state before them', () => {
    const evaluations = [evaluation(0, [drift()]), evaluation(1, [drift('critical')]), evaluation(2, []), evaluation(3, []), evaluation(4, [])];
    expect(run(evaluations).events).toEqual(run(structuredClone(evaluations)).events);
    expect(run(evaluations).events.map((e) => e.eventType)).toEqual(['opened', 'updated', 'resolved']);
  });

  it('does not judge drift keys in an unjudged window, but does judge silence', () => {
    const open = run([evaluation(0, [drift()])]).state;
    const unjudged = Array.from({ length: 5 }, (_, i) => evaluation(1 + i, [], { judged: false, eventCount: 3 }));
    const { events, state } = run(unjudged, {}, open);
    expect(events).toEqual([]);
    expect(Object.values(state.keys)[0]).toMatchObject({ consecutiveClean: 0, open: { badWindows: 1 } });

    const silence = finding('silence', null, 'critical', 0);
    const silent = run([evaluation(0, [silence], { judged: false, eventCount: 0 })]);
    expect(silent.events.map((e) => [e.eventType, e.kind, e.feature])).toEqual([['opened', 'silence', null]]);
    const back = run([1, 2, 3].map((i) => evaluation(i, [], { judged: false, eventCount: 5 })), {}, silent.state);
    expect(back.events.map((e) => [e.eventType, e.kind])).toEqual([['resolved', 'silence']]);
  });

  it('ignores drift findings of an unjudged window', () => {
    expect(run([evaluation(0, [drift('critical')], { judged: false })]).events).toEqual([]);
  });

  it('keeps one incident per (kind, feature), each with its own counters', () => {
    const missing = finding('missing_feature', 'income', 'critical');
    const age = finding('data_drift', 'age');
    const dataset = finding('dataset_drift', null);
    const { events } = run([
      evaluation(0, [drift(), missing, age, dataset]),
      evaluation(1, [drift(), age]),
      evaluation(2, [drift()]),
      evaluation(3, [drift()]),
    ]);
    const opened = events.filter((e) => e.eventType === 'opened');
    expect(opened.map((e) => `${e.kind}/${e.feature}`).sort()).toEqual(['data_drift/age', 'data_drift/income', 'dataset_drift/null', 'missing_feature/income']);
    expect(new Set(opened.map((e) => e.incidentId)).size).toBe(4);
    // missing_feature and dataset_drift were clean in windows 1-3; age only in 2-3.
    expect(events.filter((e) => e.eventType === 'resolved').map((e) => `${e.kind}/${e.feature}@${e.resolvedAt}`).sort()).toEqual([
      `dataset_drift/null@${T0 + 4 * MINUTE}`,
      `missing_feature/income@${T0 + 4 * MINUTE}`,
    ]);
  });

  it('opens a new incident with a new id when a resolved key goes bad again', () => {
    const { events } = run([evaluation(0, [drift()]), evaluation(1, []), evaluation(2, []), evaluation(3, []), evaluation(4, [drift()])]);
    expect(events.map((e) => e.eventType)).toEqual(['opened', 'resolved', 'opened']);
    expect(events[2].incidentId).toBe(incidentIdOf('m', 'window', 'data_drift', 'income', T0 + 4 * MINUTE));
    expect(events[2].incidentId).not.toBe(events[0].incidentId);
  });

  it('keeps rollups apart from windows', () => {
    const windowState = emptyModelState('m', 'window');
    const rollup = evaluation(0, [drift()], { granularity: 'rollup' });
    expect(applyEvaluation(windowState, rollup, DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
    const [opened] = run([rollup]).events;
    expect(opened.incidentId).toBe(incidentIdOf('m', 'rollup', 'data_drift', 'income', T0));
    expect(opened.granularity).toBe('rollup');
    expect(opened.incidentId).not.toBe(run([evaluation(0, [drift()])]).events[0].incidentId);
    expect(applyEvaluation(emptyModelState('other', 'window'), evaluation(0, []), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
  });

  it('carries the newest model version into an open incident', () => {
    const { events } = run([evaluation(0, [drift()]), evaluation(1, [drift('critical')], { modelVersion: '2' })]);
    expect(events.map((e) => e.modelVersion)).toEqual(['1', '2']);
  });

  it('bounds the remembered evaluation ids', () => {
    const many = Array.from({ length: MAX_APPLIED_EVALUATION_IDS + 10 }, (_, i) => evaluation(i, []));
    const { state } = run(many);
    expect(state.appliedEvaluationIds).toHaveLength(MAX_APPLIED_EVALUATION_IDS);
    expect(state.appliedEvaluationIds.at(-1)).toBe(many.at(-1)?.evaluationId);
    expect(state.appliedEvaluationIds[0]).toBe(many[10].evaluationId);
  });

  it('does not modify the state it is given', () => {
    const before = run([evaluation(0, [drift()])]).state;
    const copy = structuredClone(before);
    applyEvaluation(before, evaluation(1, [drift('critical')]), DEFAULT_INCIDENT_POLICY);
    expect(before).toEqual(copy);
  });
});
