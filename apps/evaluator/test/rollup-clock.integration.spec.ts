import { decodeEvaluation, encodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { evaluationId } from '@driftwatch/evaluation';
import { sendRecords } from '@driftwatch/kafka';
import { STORE } from '@driftwatch/runtime';
import type { Store } from '@driftwatch/store';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvaluatorEnv, waitFor, type EvaluatorTestEnv } from './support/evaluator-harness';
import { creditRiskBaseline, HOUR, MINUTE, windowClosed, windowDeltas } from './support/model-data';

// Issue 9 item 3: an hour is judged once its windows have all ended, whether or not its last
// minutes had a window: at the version's next close (event time), or by the clock when none comes.
// The gappy model's windows are long past (outside the look-back: the clock leaves them alone).
const H = Date.UTC(2026, 0, 15, 10);

let t: EvaluatorTestEnv;
let store: Store;
let evaluations: KafkaMessage[];

async function writeWindow(modelId: string, start: number, closedAt?: number): Promise<void> {
  const d = windowDeltas(modelId, start, false);
  const windows = closedAt === undefined ? d.windows : d.windows.map((w) => ({ ...w, closedAt }));
  await store.windows.insertDeltas({ windows, features: d.features }, `${modelId}-${start}`);
}

const of = (modelId: string, granularity: 'window' | 'rollup'): EvaluationMessage[] =>
  evaluations
    .map((m) => {
      const r = decodeEvaluation(m.value as Buffer);
      if (!r.ok) throw new Error(`undecodable evaluation: ${r.reason}`);
      return r.event;
    })
    .filter((e) => e.modelId === modelId && e.granularity === granularity);

const settle = () => new Promise((r) => setTimeout(r, 1_500));

/** A restart replaces the application, and with it the store's connection. */
async function restart(): Promise<void> {
  await t.restart();
  store = t.app.get(STORE);
}

beforeAll(async () => {
  t = await startEvaluatorEnv('rollup-clock', { silenceCheckMs: 300 });
  store = t.app.get(STORE);
  for (const model of ['gappy', 'stopped']) await store.baselines.save(creditRiskBaseline(model));
  // The 9:00 hour of `gappy` has windows at 9:05 and 9:57, none in its last two minutes; the next is 10:02.
  for (const start of [H - HOUR + 5 * MINUTE, H - 3 * MINUTE, H + 2 * MINUTE]) await writeWindow('gappy', start);
  evaluations = await t.tap(t.config.topics.evaluations);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('rollups on the clock (real broker, embedded ClickHouse)', () => {
  it('an hour whose last minutes had no window is judged at the next close of the version, across a restart', async () => {
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'gappy', value: encodeWindowClosed(windowClosed('gappy', H - 3 * MINUTE)) }]);
    await waitFor('the 9:57 window evaluation', () => of('gappy', 'window').length >= 1);
    await settle();
    // Before, this was all the hour ever got: its last window [9:59, 10:00) never closes.
    expect(of('gappy', 'rollup')).toEqual([]);

    // Nothing kept in memory decides it: the rule reads the version's previous window from the store.
    await restart();
    await sendRecords(t.producer, t.config.topics.windows, [{ key: 'gappy', value: encodeWindowClosed(windowClosed('gappy', H + 2 * MINUTE)) }]);
    await waitFor('the 9:00 rollup', () => of('gappy', 'rollup').length >= 1);
    await settle();
    const rollups = of('gappy', 'rollup');
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ windowStart: H - HOUR, windowEnd: H, eventCount: 400, baselineId: 'b1' });
    expect(rollups[0].evaluationId).toBe(evaluationId('gappy', '7', 'rollup', H - HOUR, H));
    expect(of('gappy', 'window').map((e) => e.windowStart)).toEqual([H - 3 * MINUTE, H + 2 * MINUTE]);
  });

  it('the last hour of a version that stopped is judged by the clock, once per bucket, and again after a restart with the same id', async () => {
    // An hour that ended at least an hour ago; its windows closed five minutes ago (inside the look-back, past the slack).
    const end = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const closedAt = Date.now() - 5 * MINUTE;
    for (const start of [end - 50 * MINUTE, end - 3 * MINUTE]) await writeWindow('stopped', start, closedAt);

    await waitFor('the clock rollup', () => of('stopped', 'rollup').length >= 1, 10_000);
    await settle();
    const [rollup, ...more] = of('stopped', 'rollup');
    expect(more).toEqual([]);
    expect(rollup).toMatchObject({ windowStart: end - HOUR, windowEnd: end, eventCount: 400, baselineId: 'b1' });
    // The evaluation a close would have made: not marked as the timer's (that is silence's).
    expect(rollup.source).not.toBe('timer');
    expect(rollup.evaluationId).toBe(evaluationId('stopped', '7', 'rollup', end - HOUR, end));

    // Published again after a restart (at least once), under the same id the alerter drops.
    await restart();
    await waitFor('the clock rollup after the restart', () => of('stopped', 'rollup').length >= 2, 10_000);
    await settle();
    expect(new Set(of('stopped', 'rollup').map((e) => e.evaluationId))).toEqual(new Set([rollup.evaluationId]));
    expect(of('stopped', 'rollup')).toHaveLength(2);
    // The gappy model's hours are long past its look-back: the clock never judged its 10:00 hour.
    expect(of('gappy', 'rollup').map((e) => e.windowStart)).toEqual([H - HOUR]);
  });
});
