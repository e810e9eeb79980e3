import { decodeEvaluation, encodeEvaluation, encodeWindowClosed } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import { DriftResultRepository, FeatureKindRepository, PolicyRepository, type Store } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, MINUTE, windowDeltas } from './support/model-data';

// The evaluations topic takes 3 KB records here: a drifted window's evaluation with its full
// evidence is larger, as a 1 000-feature one is larger than a stock 1 MB topic.
const LIMIT = 3_072;
const H = Date.UTC(2026, 0, 15, 10);

let t: EvaluatorTestEnv;
let store: Store;
let evaluations: KafkaMessage[];
let dlq: KafkaMessage[];

beforeAll(async () => {
  t = await startEvaluatorEnv('evaluator-oversized', {}, { evaluationsMaxMessageBytes: LIMIT });
  store = t.app.get(STORE);
  await store.baselines.save(creditRiskBaseline('wide'));
  await new PolicyRepository(store.client).put('wide', { drift: { falseAlarmRate: null } });
  const d = windowDeltas('wide', H, true);
  await store.windows.insertDeltas({ windows: d.windows, features: d.features }, `wide-${H}`);
  await new FeatureKindRepository(store.client).insert(d.kinds, `wide-${H}-kinds`);
  evaluations = await t.tap(t.config.topics.evaluations);
  dlq = await t.tap(t.config.topics.dlq);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('evaluator: an evaluation over the topic size limit', () => {
  it('is published without part of its evidence and says so; the stored result keeps everything; nothing is stuck', async () => {
    const closed = { schemaVersion: 1 as const, modelId: 'wide', modelVersion: '7', windowStart: H, windowEnd: H + MINUTE, eventCount: 200, lateCount: 0, closedAt: H + MINUTE + 15_000, reason: 'watermark' as const };
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'wide', value: encodeWindowClosed(closed) }]);
    await waitFor('the window evaluation', () => evaluations.some((m) => decodeEvaluation(m.value!).ok));

    const published = evaluations.map((m) => decodeEvaluation(m.value!)).find((r) => r.ok && r.event.granularity === 'window');
    if (!published?.ok) throw new Error('no window evaluation decoded');
    const sent = published.event;
    const stored = (await new DriftResultRepository(store.client).get('wide', sent.evaluationId))!;
    expect(encodeEvaluation(stored).length).toBeGreaterThan(LIMIT);
    expect(evaluations.find((m) => decodeEvaluation(m.value!).ok)!.value!.length).toBeLessThanOrEqual(LIMIT);
    expect(sent.evidenceTrimmed?.originalBytes).toBe(encodeEvaluation(stored).length);
    // Explanations go first; this wide evaluation needs the rest of the evidence cut too.
    expect(sent.evidenceTrimmed?.removed.slice(0, 2)).toEqual(['drift explanations (details.explanation)', 'finding evidence (baseline, current, details)']);
    expect(stored.evidenceTrimmed).toBeUndefined();
    expect(stored.findings.some((f) => f.baseline && f.current)).toBe(true);
    // What the alerter acts on is all there.
    expect(sent.findings.map((f) => [f.kind, f.feature, f.severity, f.metric, f.value])).toEqual(stored.findings.map((f) => [f.kind, f.feature, f.severity, f.metric, f.value]));
    expect(sent.findings.length).toBeGreaterThan(0);
    expect(dlq).toEqual([]);
  });
});
