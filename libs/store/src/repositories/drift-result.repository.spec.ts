import type { EvaluationMessage } from '@driftwatch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { DriftResultRepository } from './drift-result.repository';

const dir = tempDataDir();
let store: Store;
let results: DriftResultRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'drift_results_spec'));
  results = new DriftResultRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const MINUTE = 60_000;

function evaluation(i: number, o: Partial<EvaluationMessage> = {}): EvaluationMessage {
  return {
    schemaVersion: 1,
    evaluationId: i.toString(16).padStart(40, '0'),
    modelId: 'credit-risk',
    modelVersion: '7',
    granularity: 'window',
    windowStart: T0 + i * MINUTE,
    windowEnd: T0 + (i + 1) * MINUTE,
    evaluatedAt: T0 + (i + 1) * MINUTE + 15_000,
    baselineId: 'b1',
    eventCount: 100 + i,
    judged: true,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: 0.5, detected: false },
    findings: [],
    ...o,
  };
}

async function rowCount(evaluationId: string): Promise<number> {
  const result = await store.client.client.query({
    query: `SELECT count() AS n FROM ${store.client.table('drift_results')} FINAL WHERE evaluation_id = {id:String}`,
    query_params: { id: evaluationId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: unknown }>();
  return Number(row.n);
}

describe('DriftResultRepository', () => {
  it('stores evaluations and lists them by window, oldest first', async () => {
    const withFinding = evaluation(1, {
      findings: [{ kind: 'data_drift', feature: 'income', severity: 'critical', metric: 'psi', value: 0.3, threshold: 0.1, message: 'm', details: { a: [1, 2] } }],
      dataset: { driftShare: 1, threshold: 0.5, detected: true },
    });
    await results.save([evaluation(2), withFinding, evaluation(0, { modelVersion: '6' })]);
    await results.save(evaluation(3, { granularity: 'rollup', windowStart: T0, windowEnd: T0 + 60 * MINUTE }));
    const all = await results.list({ modelId: 'credit-risk', from: T0, to: T0 + 3600_000 });
    expect(all.map((e) => [e.modelVersion, e.granularity, e.windowStart])).toEqual([
      ['6', 'window', T0],
      ['7', 'rollup', T0],
      ['7', 'window', T0 + MINUTE],
      ['7', 'window', T0 + 2 * MINUTE],
    ]);
    expect(all[2]).toEqual(withFinding);
    const windows = await results.list({ modelId: 'credit-risk', modelVersion: '7', granularity: 'window', from: T0, to: T0 + 2 * MINUTE });
    expect(windows.map((e) => e.evaluationId)).toEqual([withFinding.evaluationId]);
    expect(await results.get('credit-risk', withFinding.evaluationId)).toEqual(withFinding);
    expect(await results.get('credit-risk', 'f'.repeat(40))).toBeNull();
  });

  it('saving the same evaluation id again replaces the row: one row, the newest content', async () => {
    const first = evaluation(20, { modelId: 'replayed' });
    await results.save(first);
    await results.save({ ...first, evaluatedAt: first.evaluatedAt + 1000, eventCount: 999 });
    expect(await rowCount(first.evaluationId)).toBe(1);
    expect((await results.get('replayed', first.evaluationId))?.eventCount).toBe(999);
  });

  it('returns the most recent ones under a limit', async () => {
    await results.save([30, 31, 32, 33].map((i) => evaluation(i, { modelId: 'limited' })));
    const last = await results.list({ modelId: 'limited', from: 0, to: T0 + 3600_000, limit: 2 });
    expect(last.map((e) => e.windowStart)).toEqual([T0 + 32 * MINUTE, T0 + 33 * MINUTE]);
    await expect(results.list({ modelId: 'limited', from: 0, to: 1, limit: 0 })).rejects.toThrow('limit must be a positive integer');
  });
});

describe('listWithin', () => {
  it('keeps the newest rows of the page that fit in the byte budget, says how many the page selected, and pages on from there', async () => {
    const model = 'budget-model';
    const all = Array.from({ length: 10 }, (_, i) => evaluation(1000 + i, { modelId: model }));
    await results.save(all);
    const range = { modelId: model, from: T0, to: T0 + 2000 * MINUTE };
    const size = JSON.stringify(all[0]).length;

    const whole = await results.listWithin({ ...range, limit: 11 }, 1_000_000);
    expect(whole.selected).toBe(10);
    expect(whole.evaluations.map((e) => e.windowStart)).toEqual(all.map((e) => e.windowStart));

    // Room for three and a half: the newest three, oldest first.
    const cut = await results.listWithin({ ...range, limit: 11 }, Math.floor(size * 3.5));
    expect(cut.selected).toBe(10);
    expect(cut.evaluations.map((e) => e.windowStart)).toEqual(all.slice(7).map((e) => e.windowStart));

    // Too small for even one: the newest still comes.
    const one = await results.listWithin({ ...range, limit: 11 }, 1);
    expect(one.evaluations.map((e) => e.evaluationId)).toEqual([all[9].evaluationId]);

    // Paging on by what was kept visits every row once.
    const seen: number[] = [];
    for (let offset = 0; offset < 10; ) {
      const page = await results.listWithin({ ...range, limit: 4, offset }, Math.floor(size * 2.5));
      seen.unshift(...page.evaluations.map((e) => e.windowStart));
      offset += page.evaluations.length;
    }
    expect(seen).toEqual(all.map((e) => e.windowStart));
  });
});
