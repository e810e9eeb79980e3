import { PerformanceRepository, type PerformanceWindowRow } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceList } from '../src/performance/performance.controller';
import { getJson, startTestApi, type TestApi } from './test-api.test-util';

let api: TestApi;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

function row(version: string, minute: number, o: Partial<PerformanceWindowRow> = {}): PerformanceWindowRow {
  const windowStart = T0 + minute * MINUTE;
  return {
    modelId: 'credit-risk',
    modelVersion: version,
    granularity: 'window',
    windowStart,
    windowEnd: windowStart + MINUTE,
    predicted: 200,
    labelled: 150,
    coverage: 0.75,
    task: 'binary',
    metric: 'rocAuc',
    value: 0.8 - minute / 100,
    baselineValue: 0.86,
    interval: { low: 0.7 - minute / 100, high: 0.9 - minute / 100, confidence: 0.99, method: 'delong' },
    judged: true,
    reason: null,
    metrics: { rocAuc: 0.8 - minute / 100, accuracy: 0.75, logLoss: 0.5, ece: null },
    computedAt: windowStart + 10 * MINUTE,
    ...o,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  const repo = new PerformanceRepository(api.store.client);
  await repo.savePerformance([
    row('7', 0),
    row('7', 1),
    row('7', 2, { judged: false, reason: 'too few labels (12 < 100)', labelled: 12, coverage: 0.06, value: null, interval: null, metrics: {} }),
    row('8', 1, { value: 0.9 }),
    row('7', 0, { granularity: 'rollup', windowEnd: T0 + HOUR, predicted: 12_000, labelled: 9_000 }),
    row('7', 30 * 24 * 60),
  ]);
  // A late label recomputed window 1 of version 7: the latest computation is the one listed.
  await repo.savePerformance([row('7', 1, { value: 0.55, labelled: 190, coverage: 0.95, computedAt: T0 + 2 * HOUR })]);
});

afterAll(async () => {
  await api?.close();
});

const url = (query: string, model = 'credit-risk') => `${api.baseUrl}/api/models/${encodeURIComponent(model)}/performance?${query}`;
const range = `from=${new Date(T0).toISOString()}&to=${T0 + HOUR}`;

describe('GET /api/models/{model}/performance', () => {
  it('lists the windows in the range, newest first, every field with ISO times, the latest computation of a window', async () => {
    const { status, body } = await getJson<PerformanceList>(url(range));
    expect(status).toBe(200);
    expect(body).toMatchObject({ modelId: 'credit-risk', modelVersion: null, granularity: 'window', from: new Date(T0).toISOString(), to: new Date(T0 + HOUR).toISOString() });
    expect(body.windows.map((w) => [w.modelVersion, w.windowStart])).toEqual([
      ['7', new Date(T0 + 2 * MINUTE).toISOString()],
      ['8', new Date(T0 + MINUTE).toISOString()],
      ['7', new Date(T0 + MINUTE).toISOString()],
      ['7', new Date(T0).toISOString()],
    ]);
    expect(body.windows[0]).toEqual({
      modelVersion: '7',
      windowStart: new Date(T0 + 2 * MINUTE).toISOString(),
      windowEnd: new Date(T0 + 3 * MINUTE).toISOString(),
      predicted: 200,
      labelled: 12,
      coverage: 0.06,
      task: 'binary',
      metric: 'rocAuc',
      value: null,
      baselineValue: 0.86,
      interval: null,
      judged: false,
      reason: 'too few labels (12 < 100)',
      metrics: {},
      computedAt: new Date(T0 + 12 * MINUTE).toISOString(),
    });
    expect(body.windows[2]).toMatchObject({ value: 0.55, labelled: 190, coverage: 0.95, computedAt: new Date(T0 + 2 * HOUR).toISOString() });
    expect(body.windows[3]).toMatchObject({
      value: 0.8,
      interval: { low: 0.7, high: 0.9, confidence: 0.99, method: 'delong' },
      metrics: { rocAuc: 0.8, accuracy: 0.75, logLoss: 0.5, ece: null },
    });
  });

  it('filters by version, applies the limit to the newest, and serves rollup buckets apart', async () => {
    const v8 = await getJson<PerformanceList>(url(`${range}&version=8`));
    expect(v8.body.modelVersion).toBe('8');
    expect(v8.body.windows.map((w) => [w.modelVersion, w.value])).toEqual([['8', 0.9]]);
    const limited = await getJson<PerformanceList & { nextCursor: string | null }>(url(`${range}&version=7&limit=2`));
    expect(limited.body.windows.map((w) => w.windowStart)).toEqual([new Date(T0 + 2 * MINUTE).toISOString(), new Date(T0 + MINUTE).toISOString()]);
    expect(limited.body.nextCursor).toBe('2');
    const all = await getJson<PerformanceList & { nextCursor: string | null }>(url(`${range}&version=7`));
    expect(all.body.nextCursor).toBeNull();
    const next = await getJson<PerformanceList & { nextCursor: string | null }>(url(`${range}&version=7&limit=2&cursor=2`));
    expect([...limited.body.windows, ...next.body.windows].map((w) => w.windowStart)).toEqual(all.body.windows.slice(0, 2 + next.body.windows.length).map((w) => w.windowStart));
    expect(next.body.windows.length).toBeGreaterThan(0);
    const rollup = await getJson<PerformanceList>(url(`${range}&granularity=rollup`));
    expect(rollup.body.granularity).toBe('rollup');
    expect(rollup.body.windows.map((w) => [w.windowStart, w.windowEnd, w.predicted])).toEqual([[new Date(T0).toISOString(), new Date(T0 + HOUR).toISOString(), 12_000]]);
  });

  it('defaults to the 24 hours before now, and answers an empty list for an unknown model', async () => {
    const recent = await getJson<PerformanceList>(url(''));
    expect(recent.status).toBe(200);
    expect(recent.body.windows).toEqual([]);
    expect(Date.parse(recent.body.to) - Date.parse(recent.body.from)).toBe(24 * HOUR);
    const far = await getJson<PerformanceList>(url(`from=${T0 + 29 * 24 * HOUR}&to=${T0 + 31 * 24 * HOUR}`));
    expect(far.body.windows.map((w) => w.windowStart)).toEqual([new Date(T0 + 30 * 24 * HOUR).toISOString()]);
    const unknown = await getJson<PerformanceList>(url(range, 'nobody'));
    expect(unknown).toMatchObject({ status: 200, body: { modelId: 'nobody', windows: [] } });
  });

  it.each([
    ['granularity=hourly', 'query parameter granularity: expected window or rollup, got "hourly"'],
    ['limit=0', 'query parameter limit: expected an integer from 1 to 10000, got "0"'],
    ['limit=10001', 'query parameter limit: expected an integer from 1 to 10000, got "10001"'],
    ['limit=ten', 'query parameter limit: expected an integer from 1 to 10000, got "ten"'],
    ['cursor=-1', 'query parameter cursor: expected the nextCursor of a previous page, got "-1"'],
    [`from=${T0}&to=${T0 + 367 * 24 * HOUR}`, 'query parameters from/to: the range spans 367 days, more than the maximum of 366; ask for a shorter range'],
    ['from=yesterday', 'query parameter from: expected an ISO-8601 time or epoch milliseconds, got "yesterday"'],
    [`from=${T0 + HOUR}&to=${T0}`, `query parameters from/to: from (${new Date(T0 + HOUR).toISOString()}) must be before to (${new Date(T0).toISOString()})`],
    [`version=${'v'.repeat(257)}`, 'version must be 1 to 256 characters long'],
  ])('answers 400 for %s, naming the parameter', async (query, message) => {
    const { status, body } = await getJson(url(query));
    expect(status).toBe(400);
    expect(body.message).toBe(message);
  });
});
