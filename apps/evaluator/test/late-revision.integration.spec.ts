import { applyEvaluation, DEFAULT_INCIDENT_POLICY, emptyModelState, type ModelIncidentState } from '@driftwatch/alerting';
import { decodeEvaluation, encodeWindowClosed, type EvaluationMessage, type IncidentEvent, type WindowClosedMessage } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import { DriftResultRepository, FeatureKindRepository, PolicyRepository, type Store } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, HOUR, MINUTE, windowDeltas } from './support/model-data';

// Half past the hour: the window settles no rollup bucket, only its own evaluation is published.
const START = Date.UTC(2026, 0, 15, 10, 30);
const MODEL = 'late-model';

let t: EvaluatorTestEnv;
let store: Store;
let evaluations: KafkaMessage[];

const closed = (reason: WindowClosedMessage['reason'], eventCount: number, lateCount: number): WindowClosedMessage => ({
  schemaVersion: 1,
  modelId: MODEL,
  modelVersion: '7',
  windowStart: START,
  windowEnd: START + MINUTE,
  eventCount,
  lateCount,
  closedAt: START + MINUTE + 15_000,
  reason,
});

const decoded = (): EvaluationMessage[] =>
  evaluations.map((m) => {
    const r = decodeEvaluation(m.value as Buffer);
    if (!r.ok) throw new Error(`undecodable evaluation: ${r.reason}`);
    return r.event;
  });

/** The alerter's decisions over `list`, from `start`: what it would publish. */
function alert(list: EvaluationMessage[], start: ModelIncidentState = emptyModelState(MODEL, '7', 'window')) {
  let state = start;
  const events: IncidentEvent[] = [];
  const outcomes: string[] = [];
  for (const e of list) {
    const r = applyEvaluation(state, e, { ...DEFAULT_INCIDENT_POLICY, ...e.policy });
    state = r.state;
    events.push(...r.events);
    outcomes.push(r.outcome);
  }
  return { state, events, outcomes };
}

async function sendClosed(message: WindowClosedMessage): Promise<void> {
  await sendRecords(t.producer, t.config.topics.windows, [{ key: MODEL, value: encodeWindowClosed(message) }]);
}

beforeAll(async () => {
  t = await startEvaluatorEnv('late-revision');
  store = t.app.get(STORE);
  await store.baselines.save(creditRiskBaseline(MODEL));
  // 300 events to judge a window: the window's 200 events at its close are too few, with its 200 late ones enough.
  await new PolicyRepository(store.client).put(MODEL, { minWindowEvents: 300, drift: { falseAlarmRate: null } });
  evaluations = await t.tap(t.config.topics.evaluations);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('late events re-judge a window (real broker, embedded ClickHouse)', () => {
  it('a window unjudged at its close and drifted with its late events is published again with a revision, and the incident opens once', async () => {
    const clean = windowDeltas(MODEL, START, false);
    await store.windows.insertDeltas({ windows: clean.windows, features: clean.features }, `${MODEL}-close`);
    await sendClosed(closed('watermark', 200, 0));
    await waitFor('the evaluation at close', () => evaluations.length >= 1, 60_000);

    // 200 drifted events arrive after the close: the aggregator stores them as a late delta and announces a late update.
    const late = windowDeltas(MODEL, START, true);
    const lateWindows = late.windows.map((w) => ({ ...w, lateCount: w.eventCount, closedAt: START + 5 * MINUTE }));
    await store.windows.insertDeltas({ windows: lateWindows, features: late.features }, `${MODEL}-late`);
    await new FeatureKindRepository(store.client).insert(late.kinds, `${MODEL}-late-kinds`);
    await sendClosed(closed('late-update', 400, 200));
    await waitFor('the evaluation of the late update', () => evaluations.length >= 2, 60_000);

    const [atClose, revised] = decoded();
    expect(atClose).toMatchObject({ judged: false, revision: 0, eventCount: 200, findings: [] });
    expect(revised).toMatchObject({ evaluationId: atClose.evaluationId, judged: true, revision: 200, eventCount: 400 });
    expect(revised.findings.some((f) => f.kind === 'data_drift' || f.kind === 'out_of_range')).toBe(true);
    // The stored evaluation is the revised one.
    const stored = await new DriftResultRepository(store.client).get(MODEL, atClose.evaluationId);
    expect(stored?.revision).toBe(200);

    const first = alert([atClose, revised]);
    expect(first.outcomes).toEqual(['applied', 'revised']);
    const opened = first.events.filter((e) => e.eventType === 'opened');
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((e) => e.windowStart === START && e.openedAt === START + MINUTE)).toBe(true);
    expect(new Set(first.events.map((e) => e.incidentId)).size).toBe(first.events.length);

    // The late update redelivered (an evaluator restart): the same revision, which the alerter drops.
    await sendClosed(closed('late-update', 400, 200));
    await waitFor('the repeated evaluation', () => evaluations.length >= 3, 60_000);
    const repeated = decoded()[2];
    expect(repeated).toMatchObject({ evaluationId: atClose.evaluationId, revision: 200 });
    const again = alert([atClose, revised, repeated], first.state);
    expect(again.outcomes).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.events).toEqual([]);
    // A crash before the state was saved: the same evaluations replayed from the old state page with byte-identical events.
    expect(JSON.stringify(alert([atClose, revised, repeated]).events)).toBe(JSON.stringify(first.events));
  }, 180_000);

  it('keeps the hour out of it: no rollup bucket was settled by a mid-hour window', () => {
    expect(decoded().every((e) => e.granularity === 'window' && e.windowStart >= START - HOUR)).toBe(true);
  });
});
