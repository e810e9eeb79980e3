import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import { degradation, evaluation, finding, legacyTimerSilence, MINUTE, performanceEvaluation, T0, timerSilence } from './evaluation.test-util';
import { incidentIdOf } from './incident-id.util';
import { applyEvaluation, applySilenceOfOtherVersion, isPerformanceEvaluation, MAX_APPLIED_EVALUATION_IDS } from './incident-machine';
import { DEFAULT_INCIDENT_POLICY, type IncidentPolicy } from './incident-policy';
import { emptyModelState, type ModelIncidentState } from './incident-state';
import { isTimerSilence } from './timer-silence.util';

/** Applies evaluations in order, collecting every published event. */
function run(evaluations: EvaluationMessage[], policy: Partial<IncidentPolicy> = {}, start?: ModelIncidentState) {
  let state = start ?? emptyModelState('m', '1', evaluations[0]?.granularity ?? 'window');
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
        incidentId: incidentIdOf('m', '1', 'window', 'data_drift', 'income', T0),
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
      incidentId: incidentIdOf('m', '1', 'window', 'data_drift', 'income', T0),
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
    let state = emptyModelState('m', '1', 'window');
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
    expect(events[2].incidentId).toBe(incidentIdOf('m', '1', 'window', 'data_drift', 'income', T0 + 4 * MINUTE));
    expect(events[2].incidentId).not.toBe(events[0].incidentId);
  });

  it('keeps rollups apart from windows', () => {
    const windowState = emptyModelState('m', '1', 'window');
    const rollup = evaluation(0, [drift()], { granularity: 'rollup' });
    expect(applyEvaluation(windowState, rollup, DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
    const [opened] = run([rollup]).events;
    expect(opened.incidentId).toBe(incidentIdOf('m', '1', 'rollup', 'data_drift', 'income', T0));
    expect(opened.granularity).toBe('rollup');
    expect(opened.incidentId).not.toBe(run([evaluation(0, [drift()])]).events[0].incidentId);
    expect(applyEvaluation(emptyModelState('other', '1', 'window'), evaluation(0, []), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
  });

  it("refuses another version's evaluation: each version has its own state", () => {
    const { state } = run([evaluation(0, [drift()])]);
    const result = applyEvaluation(state, evaluation(1, [drift('critical')], { modelVersion: '2' }), DEFAULT_INCIDENT_POLICY);
    expect(result.outcome).toBe('other-model');
    expect(result.state).toBe(state);
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

describe('applyEvaluation: timer silences and window order', () => {
  const silenceKinds = (events: IncidentEvent[]) => events.map((e) => [e.eventType, e.kind, e.feature, (e.windowStart - T0) / MINUTE]);

  it('a timer silence for "now" does not make older windows stale: a backlog after it is judged and resolves the silence', () => {
    // Windows 0..2 applied; then no window closes for a while and the timer publishes silence for
    // clock slot 180, while the aggregator still holds windows 3.. (backfill, or catching up).
    const { state, events, outcomes } = run([
      evaluation(0, []),
      evaluation(1, []),
      evaluation(2, []),
      timerSilence(180),
      evaluation(3, [drift('critical')]),
      evaluation(4, [drift('critical')]),
      evaluation(5, []),
      evaluation(6, []),
      evaluation(7, []),
    ]);
    expect(outcomes).toEqual(Array(9).fill('applied'));
    expect(silenceKinds(events)).toEqual([
      ['opened', 'silence', null, 180],
      ['opened', 'data_drift', 'income', 3],
      // Three windows with events (3, 4, 5) are three clean ones for silence.
      ['resolved', 'silence', null, 5],
      ['resolved', 'data_drift', 'income', 7],
    ]);
    const silence = events.filter((e) => e.kind === 'silence');
    expect(silence[1]).toMatchObject({ incidentId: silence[0].incidentId, openedAt: T0 + 181 * MINUTE });
    // Resolved by a window older in event time than the slot: its time does not run back.
    expect(silence[1].updatedAt).toBe(silence[0].openedAt);
    expect(silence[1].resolvedAt).toBe(silence[0].openedAt);
    expect(state).toMatchObject({ lastWindowStart: T0 + 7 * MINUTE, lastSilenceStart: T0 + 180 * MINUTE });
  });

  it('orders timer silences among themselves: a repeated or older slot is stale, a newer one updates the open incident', () => {
    const { events, outcomes, state } = run([evaluation(0, []), timerSilence(10), timerSilence(9), timerSilence(10, { evaluationId: 'other-id' }), timerSilence(11)]);
    expect(outcomes).toEqual(['applied', 'applied', 'stale', 'stale', 'applied']);
    // Inside the cooldown: stored, not published again.
    expect(silenceKinds(events)).toEqual([['opened', 'silence', null, 10]]);
    expect(Object.values(state.keys)[0].open).toMatchObject({ badWindows: 2, windowStart: T0 + 11 * MINUTE });
  });

  it('a timer silence for a slot a real window already covers is stale: traffic was flowing then', () => {
    const { outcomes, events } = run([evaluation(0, []), evaluation(5, []), timerSilence(4), timerSilence(5), timerSilence(6)]);
    expect(outcomes).toEqual(['applied', 'applied', 'stale', 'stale', 'applied']);
    expect(silenceKinds(events)).toEqual([['opened', 'silence', null, 6]]);
  });

  it('a timer silence decided before the newest window was evaluated is stale: its check raced with traffic coming back', () => {
    const silent = run([evaluation(0, []), timerSilence(180)]).state;
    const back = evaluation(1, [], { evaluatedAt: T0 + 200 * MINUTE });
    const { outcomes, state } = run([back, timerSilence(181, { evaluatedAt: T0 + 199 * MINUTE }), timerSilence(182, { evaluatedAt: T0 + 201 * MINUTE })], {}, silent);
    expect(outcomes).toEqual(['applied', 'stale', 'applied']);
    expect(state.lastWindowEvaluatedAt).toBe(T0 + 200 * MINUTE);
    // The racing silence did not reset the clean count of the silence key; the later one did.
    const afterBack = run([back, timerSilence(181, { evaluatedAt: T0 + 199 * MINUTE })], {}, silent).state;
    expect(Object.values(afterBack.keys)[0]).toMatchObject({ kind: 'silence', consecutiveClean: 1 });
    expect(Object.values(state.keys)[0]).toMatchObject({ kind: 'silence', consecutiveClean: 0 });
  });

  it('a timer silence judges only the silence key: open drift incidents keep their counters', () => {
    const open = run([evaluation(0, [drift()]), evaluation(1, [])]).state;
    const { state } = run([timerSilence(50), timerSilence(51)], {}, open);
    const driftKey = Object.values(state.keys).find((k) => k.kind === 'data_drift');
    expect(driftKey).toMatchObject({ consecutiveClean: 1, open: { badWindows: 1 } });
    expect(state.lastWindowStart).toBe(T0 + MINUTE);
  });

  it('reads a state stored before timer silences were ordered apart (no lastSilenceStart)', () => {
    const old = run([evaluation(0, [])]).state;
    delete old.lastSilenceStart;
    delete old.lastWindowEvaluatedAt;
    const { outcomes, state } = run([timerSilence(3), evaluation(1, []), timerSilence(3)], {}, old);
    expect(outcomes).toEqual(['applied', 'applied', 'duplicate']);
    expect(state.lastSilenceStart).toBe(T0 + 3 * MINUTE);
  });

  it('tells a timer silence from a window by its source marker', () => {
    expect(isTimerSilence(timerSilence(0))).toBe(true);
    expect(isTimerSilence(evaluation(0, [finding('silence', null, 'critical', 3)], { judged: false, eventCount: 3, source: 'window' }))).toBe(false);
    // The marker decides, not the shape.
    expect(isTimerSilence(legacyTimerSilence(0, { source: 'window' }))).toBe(false);
  });

  it('tells an unmarked timer silence (published before the marker) by its shape: a window with events never is one, even with a silence finding', () => {
    expect(isTimerSilence(legacyTimerSilence(0))).toBe(true);
    expect(isTimerSilence(evaluation(0, [finding('silence', null, 'critical', 3)], { judged: false, eventCount: 3 }))).toBe(false);
    expect(isTimerSilence(evaluation(0, [], { eventCount: 0 }))).toBe(false);
    expect(isTimerSilence(legacyTimerSilence(0, { findings: [finding('silence', null), drift()] }))).toBe(false);
  });

  it('orders unmarked timer silences still on the topic like marked ones', () => {
    const { outcomes, events, state } = run([evaluation(0, []), evaluation(5, []), legacyTimerSilence(4), timerSilence(6), legacyTimerSilence(6, { evaluationId: 'x' }), legacyTimerSilence(7)]);
    expect(outcomes).toEqual(['applied', 'applied', 'stale', 'applied', 'stale', 'applied']);
    expect(silenceKinds(events)).toEqual([['opened', 'silence', null, 6]]);
    // Neither moved the window watermark.
    expect(state.lastWindowStart).toBe(T0 + 5 * MINUTE);
    expect(state.lastSilenceStart).toBe(T0 + 7 * MINUTE);
  });
});

describe('applyEvaluation: performance apart from data', () => {
  const perf = performanceEvaluation;
  const kinds = (events: IncidentEvent[]) => events.map((e) => [e.eventType, e.kind, (e.windowStart - T0) / MINUTE]);

  it('opens performance_degradation after openAfter bad performance windows, named after the first', () => {
    const { events, outcomes } = run([perf(0, [degradation()]), perf(1, [degradation('critical', 0.6)]), perf(2, [degradation()])], { openAfter: 3 });
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'opened',
      kind: 'performance_degradation',
      feature: null,
      incidentId: incidentIdOf('m', '1', 'window', 'performance_degradation', null, T0),
      severity: 'critical',
      badWindows: 3,
      windowStart: T0 + 2 * MINUTE,
      openedAt: T0 + 3 * MINUTE,
      evidence: degradation(),
    });
    expect(run([perf(0, [degradation()]), perf(1, [degradation()])], { openAfter: 3 }).events).toEqual([]);
  });

  it('data evaluations in between neither reset nor extend a performance streak, and never resolve a performance incident', () => {
    // Data windows 0..9 run ahead; the performance of windows 0..2 comes in between them, later.
    const interleaved = [
      evaluation(0, []),
      evaluation(1, []),
      perf(0, [degradation()]),
      evaluation(2, []),
      evaluation(3, []),
      perf(1, [degradation()]),
      evaluation(4, []),
      perf(2, [degradation()]),
    ];
    const opened = run(interleaved, { openAfter: 3 });
    expect(opened.outcomes).toEqual(Array(8).fill('applied'));
    expect(kinds(opened.events)).toEqual([['opened', 'performance_degradation', 2]]);
    // Many clean data windows later the incident is still open with all its counters.
    const data = run(Array.from({ length: 10 }, (_, i) => evaluation(5 + i, [])), { openAfter: 3 }, opened.state);
    expect(data.events).toEqual([]);
    expect(Object.values(data.state.keys)).toEqual([expect.objectContaining({ kind: 'performance_degradation', consecutiveClean: 0, open: expect.objectContaining({ badWindows: 3 }) })]);
  });

  it('performance evaluations never resolve a data incident, nor count as bad or clean for it', () => {
    const open = run([evaluation(0, [drift()]), evaluation(1, [])]).state;
    const { events, state } = run([perf(0, []), perf(1, []), perf(2, []), perf(3, [])], {}, open);
    expect(events).toEqual([]);
    expect(Object.values(state.keys)).toEqual([expect.objectContaining({ kind: 'data_drift', consecutiveClean: 1 })]);
    // Nor does a performance finding sneaked into a data evaluation, or a drift finding into a performance one, count.
    expect(run([evaluation(0, [degradation()]), perf(0, [drift()])]).events).toEqual([]);
  });

  it('resolves after resolveAfter clean performance windows', () => {
    const { events, state } = run([perf(0, [degradation()]), perf(1, []), evaluation(7, [drift()]), perf(2, []), perf(3, [])]);
    expect(kinds(events)).toEqual([
      ['opened', 'performance_degradation', 0],
      ['opened', 'data_drift', 7],
      ['resolved', 'performance_degradation', 3],
    ]);
    expect(events[2]).toMatchObject({ incidentId: events[0].incidentId, resolvedAt: T0 + 4 * MINUTE, badWindows: 1 });
    expect(Object.values(state.keys).map((k) => k.kind)).toEqual(['data_drift']);
  });

  it('a performance window older than the newest data window still applies; one older than the newest performance window is stale', () => {
    const { outcomes, state, events } = run([evaluation(60, []), perf(3, [degradation()]), perf(2, [degradation()]), perf(3, [], { evaluationId: 'recomputed' }), evaluation(59, [])]);
    expect(outcomes).toEqual(['applied', 'applied', 'stale', 'applied', 'stale']);
    expect(kinds(events)).toEqual([['opened', 'performance_degradation', 3]]);
    expect(state).toMatchObject({ lastWindowStart: T0 + 60 * MINUTE, lastPerformanceWindowStart: T0 + 3 * MINUTE });
  });

  it('a replayed performance evaluation is a duplicate, even after a data evaluation of the same window with the same id', () => {
    const first = run([perf(0, [degradation()]), perf(1, [degradation()])]);
    const again = run([perf(0, [degradation()]), perf(1, [degradation()])], {}, first.state);
    expect(again.outcomes).toEqual(['duplicate', 'duplicate']);
    expect(again.state).toBe(first.state);
    // The ids are the evaluator's to choose: one shared by the data and the performance evaluation of a window must not hide either.
    const shared = run([evaluation(0, [], { evaluationId: 'same' }), perf(0, [degradation()], { evaluationId: 'same' }), evaluation(1, [], { evaluationId: 'same' })]);
    expect(shared.outcomes).toEqual(['applied', 'applied', 'duplicate']);
    expect(shared.events.map((e) => e.kind)).toEqual(['performance_degradation']);
    // Replaying the whole interleaved history yields the same events.
    const history = [evaluation(0, []), perf(0, [degradation()]), evaluation(1, []), perf(1, []), perf(2, []), perf(3, [])];
    expect(run(history).events).toEqual(run(structuredClone(history)).events);
    expect(run(history).events.map((e) => e.eventType)).toEqual(['opened', 'resolved']);
  });

  it('bounds the remembered performance ids apart from the data ids', () => {
    const many = Array.from({ length: MAX_APPLIED_EVALUATION_IDS + 5 }, (_, i) => perf(i, []));
    const { state } = run([evaluation(0, []), ...many]);
    expect(state.appliedPerformanceIds).toHaveLength(MAX_APPLIED_EVALUATION_IDS);
    expect(state.appliedPerformanceIds?.[0]).toBe(many[5].evaluationId);
    expect(state.appliedEvaluationIds).toEqual([evaluation(0, []).evaluationId]);
  });

  it('an unjudged performance window (too few labels) leaves the performance counters as they were', () => {
    const open = run([perf(0, [degradation()]), perf(1, [])]).state;
    const { events, state } = run([perf(2, [], { judged: false }), perf(3, [degradation()], { judged: false })], {}, open);
    expect(events).toEqual([]);
    expect(Object.values(state.keys)[0]).toMatchObject({ consecutiveClean: 1, open: { badWindows: 1 } });
    expect(state.lastPerformanceWindowStart).toBe(T0 + 3 * MINUTE);
  });

  it('timer silences leave performance keys alone', () => {
    const open = run([evaluation(0, []), perf(0, [degradation()])]).state;
    const { state, events } = run([timerSilence(100), timerSilence(101), timerSilence(102)], {}, open);
    expect(kinds(events)).toEqual([['opened', 'silence', 100]]);
    expect(Object.values(state.keys).find((k) => k.kind === 'performance_degradation')).toMatchObject({ consecutiveClean: 0, open: { badWindows: 1 } });
  });

  it('loads a state stored before performance existed (no performance ids, no performance watermark)', () => {
    const old = run([evaluation(0, [drift()]), evaluation(5, [])]).state as Partial<ModelIncidentState>;
    delete old.appliedPerformanceIds;
    delete old.lastPerformanceWindowStart;
    const stored = JSON.parse(JSON.stringify(old)) as ModelIncidentState;
    const { outcomes, state, events } = run([perf(1, [degradation()]), perf(1, [degradation()]), perf(0, []), evaluation(6, [])], {}, stored);
    expect(outcomes).toEqual(['applied', 'duplicate', 'stale', 'applied']);
    expect(kinds(events)).toEqual([['opened', 'performance_degradation', 1]]);
    expect(state).toMatchObject({ appliedPerformanceIds: [perf(1, []).evaluationId], lastPerformanceWindowStart: T0 + MINUTE, lastWindowStart: T0 + 6 * MINUTE });
  });

  it('tells a performance evaluation by its subject; no subject is data', () => {
    expect(isPerformanceEvaluation(perf(0, []))).toBe(true);
    expect(isPerformanceEvaluation(evaluation(0, []))).toBe(false);
    expect(isPerformanceEvaluation(evaluation(0, [], { subject: 'data' }))).toBe(false);
  });
});

describe('applyEvaluation: model versions live together (canary)', () => {
  /** Windows of versions 7 and 8 of model m, each applied to its own version's state, as the alerter does. */
  function runVersions(evaluations: EvaluationMessage[], policy: Partial<IncidentPolicy> = {}) {
    const states = new Map<string, ModelIncidentState>();
    const events: IncidentEvent[] = [];
    const outcomes: string[] = [];
    for (const e of evaluations) {
      const state = states.get(e.modelVersion) ?? emptyModelState(e.modelId, e.modelVersion, e.granularity);
      const result = applyEvaluation(state, e, { ...DEFAULT_INCIDENT_POLICY, ...policy });
      states.set(e.modelVersion, result.state);
      events.push(...result.events);
      outcomes.push(result.outcome);
    }
    return { states, events, outcomes };
  }
  const v = (version: string, i: number, findings: ReturnType<typeof drift>[]) =>
    evaluation(i, findings, { modelVersion: version, evaluationId: `m/${version}/window/${T0 + i * MINUTE}` });

  it("v7's clean windows, interleaved, do not reset v8's bad streak; v8 opens after openAfter of its own windows", () => {
    const interleaved = [0, 1, 2].flatMap((i) => [v('7', i, []), v('8', i, [drift()])]);
    const { events, states, outcomes } = runVersions(interleaved, { openAfter: 3 });
    expect(outcomes).toEqual(Array(6).fill('applied'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'opened',
      modelVersion: '8',
      badWindows: 3,
      incidentId: incidentIdOf('m', '8', 'window', 'data_drift', 'income', T0),
    });
    expect(states.get('7')?.keys).toEqual({});
  });

  it('each version opens and resolves its own incident, with its own id and counters', () => {
    const seq = [
      v('7', 0, [drift()]),
      v('8', 0, [drift('critical')]),
      // v8 clean three times while v7 stays bad: only v8's incident resolves.
      ...[1, 2, 3].flatMap((i) => [v('7', i, [drift()]), v('8', i, [])]),
      ...[4, 5, 6].map((i) => v('7', i, [])),
    ];
    const { events } = runVersions(seq, { resolveAfter: 3, cooldownSeconds: 3600 });
    expect(events.map((e) => [e.modelVersion, e.eventType, e.windowStart])).toEqual([
      ['7', 'opened', T0],
      ['8', 'opened', T0],
      ['8', 'resolved', T0 + 3 * MINUTE],
      ['7', 'resolved', T0 + 6 * MINUTE],
    ]);
    const ids = new Set(events.map((e) => e.incidentId));
    expect(ids).toEqual(new Set([incidentIdOf('m', '7', 'window', 'data_drift', 'income', T0), incidentIdOf('m', '8', 'window', 'data_drift', 'income', T0)]));
    expect(events.find((e) => e.modelVersion === '7' && e.eventType === 'resolved')?.badWindows).toBe(4);
  });

  it("orders windows per version: v8's newer window does not make v7's window of an older minute stale", () => {
    const { outcomes } = runVersions([v('8', 5, []), v('7', 4, [drift()]), v('7', 3, [])]);
    expect(outcomes).toEqual(['applied', 'applied', 'stale']);
  });

  it("a model's silence resolves on another version's windows (traffic came back after a rollout), leaving that state's other keys and order alone", () => {
    const silence = timerSilence(10, { modelVersion: '7', evaluationId: 'm/7/silence/10', evaluatedAt: T0 + 11 * MINUTE + 1_000 });
    let v7 = runVersions([v('7', 0, [drift()]), silence]).states.get('7')!;
    expect(Object.keys(v7.keys).sort()).toEqual(['data_drift\u0000income', 'silence\u0000']);
    const events: IncidentEvent[] = [];
    for (const i of [11, 12, 13]) {
      const result = applySilenceOfOtherVersion(v7, v('8', i, []), DEFAULT_INCIDENT_POLICY);
      expect(result.outcome).toBe('applied');
      v7 = result.state;
      events.push(...result.events);
    }
    expect(events.map((e) => [e.modelVersion, e.kind, e.eventType, e.windowStart])).toEqual([['7', 'silence', 'resolved', T0 + 13 * MINUTE]]);
    // v7's drift incident waits for v7's own windows; v7's window order is its own.
    expect(v7.keys['data_drift\u0000income'].open).not.toBeNull();
    expect(v7.lastWindowStart).toBe(T0);
    expect(v7.appliedEvaluationIds).toEqual(['m/7/window/' + T0, 'm/7/silence/10']);
    // Nothing to judge: no silence key, the same version, a timer slot, a performance window.
    expect(applySilenceOfOtherVersion(v7, v('8', 14, []), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
    const silent = runVersions([silence]).states.get('7')!;
    expect(applySilenceOfOtherVersion(silent, v('7', 11, []), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
    expect(applySilenceOfOtherVersion(silent, timerSilence(11, { modelVersion: '8' }), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
    expect(applySilenceOfOtherVersion(silent, performanceEvaluation(11, [], { modelVersion: '8' }), DEFAULT_INCIDENT_POLICY).outcome).toBe('other-model');
  });

  it('a timer silence names its version and judges only that version', () => {
    const silence = (version: string, i: number) =>
      timerSilence(i, { modelVersion: version, evaluationId: `m/${version}/silence/${T0 + i * MINUTE}`, evaluatedAt: T0 + (i + 1) * MINUTE + 1_000 });
    const { events, outcomes } = runVersions([v('7', 0, []), v('8', 0, []), silence('7', 10), v('8', 11, [])]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(events.map((e) => [e.modelVersion, e.kind, e.eventType])).toEqual([['7', 'silence', 'opened']]);
  });
});
