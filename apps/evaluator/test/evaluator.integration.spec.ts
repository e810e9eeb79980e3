import { decodeEvaluation, encodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { readDlqMetadata, sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import { DriftResultRepository, FeatureKindRepository, PolicyRepository, type Store } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, HOUR, MINUTE, windowClosed, windowDeltas } from './support/model-data';

// Windows of the judged model are long past (outside the silence look-back); the silent model's
// last window closed ten minutes ago.
const H = Date.UTC(2026, 0, 15, 10);
const SILENT_LAST_END = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;

let t: EvaluatorTestEnv;
let store: Store;
let evaluations: KafkaMessage[];
let dlq: KafkaMessage[];

async function writeWindow(modelId: string, start: number, bad: boolean): Promise<void> {
  const d = windowDeltas(modelId, start, bad);
  await store.windows.insertDeltas({ windows: d.windows, features: d.features }, `${modelId}-${start}`);
  await new FeatureKindRepository(store.client).insert(d.kinds, `${modelId}-${start}-kinds`);
}

const decoded = (messages: KafkaMessage[]): EvaluationMessage[] =>
  messages.map((m) => {
    const r = decodeEvaluation(m.value as Buffer);
    if (!r.ok) throw new Error(`undecodable evaluation: ${r.reason}`);
    return r.event;
  });

beforeAll(async () => {
  t = await startEvaluatorEnv('evaluator', { silenceCheckMs: 300 });
  store = t.app.get(STORE);
  for (const model of ['credit-risk', 'quiet-model']) await store.baselines.save(creditRiskBaseline(model));
  // Windows here hold 200 events; the test is of the pipeline, not of the calibration: the thresholds alone decide
  // (as drift.minEvents 100 did before the calibrated decision replaced it).
  await new PolicyRepository(store.client).put('credit-risk', { alerting: { resolveAfter: 5 }, drift: { falseAlarmRate: null } });
  await writeWindow('credit-risk', H - 2 * MINUTE, false);
  await writeWindow('credit-risk', H - MINUTE, true);
  await writeWindow('quiet-model', SILENT_LAST_END - MINUTE, false);
  evaluations = await t.tap(t.config.topics.evaluations);
  dlq = await t.tap(t.config.topics.dlq);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('evaluator (real broker, embedded ClickHouse)', () => {
  it('publishes the evaluation of a closed window with its findings, and of the hour it completes', async () => {
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'credit-risk', value: encodeWindowClosed(windowClosed('credit-risk', H - MINUTE)) }]);
    await waitFor('window and rollup evaluations', () => decoded(evaluations).filter((e) => e.modelId === 'credit-risk').length >= 2);
    const [window, rollup] = decoded(evaluations).filter((e) => e.modelId === 'credit-risk');

    expect(window).toMatchObject({ granularity: 'window', windowStart: H - MINUTE, windowEnd: H, eventCount: 200, judged: true, baselineId: 'b1' });
    expect(window.policy).toEqual({ openAfter: 1, resolveAfter: 5, cooldownSeconds: 3600 });
    const findings = window.findings.map((f) => [f.kind, f.feature, f.severity, f.metric]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ['data_drift', 'income', 'critical', 'wasserstein'],
        ['out_of_range', 'income', 'critical', 'meanRatio'],
        ['new_category', 'region', 'critical', 'newCategoryShare'],
        ['schema_violation', 'age', 'critical', 'typeErrorRate'],
        ['schema_violation', 'promo', 'warning', 'unknownFeature'],
      ]),
    );
    const typeErrors = window.findings.find((f) => f.kind === 'schema_violation' && f.feature === 'age');
    expect(typeErrors?.details).toMatchObject({ kinds: { string: 50 } });
    const newCategory = window.findings.find((f) => f.kind === 'new_category');
    expect(newCategory?.details).toMatchObject({ categories: { overseas: 40 } });
    expect(window.schema.unknown).toEqual(['promo']);

    // The hour [H − 1 h, H) holds the clean and the bad window.
    expect(rollup).toMatchObject({ granularity: 'rollup', windowStart: H - HOUR, windowEnd: H, eventCount: 400, judged: true });
    expect(rollup.evaluationId).not.toBe(window.evaluationId);
    expect(rollup.findings.some((f) => f.kind === 'out_of_range' && f.feature === 'income')).toBe(true);

    // Pipeline health: both judgements timed, and the age of the baseline the window was judged against.
    const metrics = await register.getMetricsAsJSON();
    const values = (name: string) => (metrics.find((m) => m.name === name)?.values ?? []) as { labels: Record<string, string | number>; value: number; metricName?: string }[];
    const count = (granularity: string) => values('driftwatch_evaluator_evaluation_duration_seconds').find((v) => v.metricName?.endsWith('_count') && v.labels.granularity === granularity)?.value;
    expect(count('window')).toBeGreaterThanOrEqual(1);
    expect(count('rollup')).toBeGreaterThanOrEqual(1);
    const age = values('driftwatch_baseline_age_seconds').find((v) => v.labels.model === 'credit-risk' && v.labels.model_version === window.modelVersion)?.value;
    const baseline = await store.baselines.get('credit-risk', 'b1');
    expect(age).toBeGreaterThanOrEqual((Date.now() - baseline!.createdAt) / 1000 - 60);
    expect(age).toBeLessThanOrEqual((Date.now() - baseline!.createdAt) / 1000);
  });

  it('evaluating the same window again gives the same ids and one stored row each', async () => {
    const before = decoded(evaluations).filter((e) => e.modelId === 'credit-risk');
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'credit-risk', value: encodeWindowClosed({ ...windowClosed('credit-risk', H - MINUTE), reason: 'late-update' }) }]);
    await waitFor('the repeated evaluations', () => decoded(evaluations).filter((e) => e.modelId === 'credit-risk').length >= 4);
    const again = decoded(evaluations).filter((e) => e.modelId === 'credit-risk').slice(2);
    expect(again.map((e) => e.evaluationId)).toEqual(before.map((e) => e.evaluationId));
    expect(again.map((e) => ({ ...e, evaluatedAt: 0 }))).toEqual(before.map((e) => ({ ...e, evaluatedAt: 0 })));

    const results = new DriftResultRepository(store.client);
    const stored = await results.list({ modelId: 'credit-risk', from: H - HOUR, to: H });
    expect(stored.map((e) => e.evaluationId).sort()).toEqual(before.map((e) => e.evaluationId).sort());
    const [row] = await (
      await store.client.client.query({
        query: `SELECT count() AS n FROM ${store.client.table('drift_results')} FINAL WHERE evaluation_id = {id:String}`,
        query_params: { id: before[0].evaluationId },
        format: 'JSONEachRow',
      })
    ).json<{ n: unknown }>();
    expect(Number(row.n)).toBe(1);
    // Keyed by model: one model's evaluations stay in order on one partition.
    expect(evaluations.every((m) => m.key?.toString() === decoded([m])[0].modelId)).toBe(true);
  });

  it('publishes a silence evaluation for a model whose windows stopped closing', async () => {
    // The rollup clock may judge the quiet model's last hour too: only its silence is looked at here.
    const silences = () => decoded(evaluations).filter((e) => e.modelId === 'quiet-model' && e.granularity === 'window');
    await waitFor('a silence evaluation', () => silences().length > 0, 10_000);
    const silence = silences()[0];
    expect(silence).toMatchObject({ eventCount: 0, judged: false, granularity: 'window' });
    // Marked as the timer's, through the codec, so the alerter orders it apart from windows.
    expect(silence.source).toBe('timer');
    expect(silence.windowStart).toBeGreaterThanOrEqual(SILENT_LAST_END);
    expect(silence.findings).toHaveLength(1);
    expect(silence.findings[0]).toMatchObject({ kind: 'silence', feature: null, severity: 'critical', metric: 'eventCount', value: 0 });
    // Several timer passes in the same slot publish it once.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(silences()).toHaveLength(1);
  });

  it('sends an undecodable window message to the DLQ and carries on', async () => {
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'x', value: Buffer.from('{"modelId": 3}') }]);
    await waitFor('the dead letter', () => dlq.length >= 1);
    expect(readDlqMetadata(dlq[0].headers)).toMatchObject({ sourceTopic: t.config.topics.windows, reason: expect.stringMatching(/^schemaVersion: required; modelId: /) });
  });
});
