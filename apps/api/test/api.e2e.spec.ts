import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelRepository, type WindowFeatureDelta } from '@driftwatch/store';
import type { BaselineSummaryView, BaselineView } from '../src/baselines/baseline-view';
import type { FromWindowsResult } from '../src/baselines/baselines.service';
import type { ModelView } from '../src/models/model-catalog.service';
import type { WindowView } from '../src/windows/window-view';
import { getJson, postJson, startTestApi, type TestApi } from './test-api.test-util';

type OpenApiDoc = {
  openapi: string;
  info: { title: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};
type WindowList = { windows: WindowView[]; modelId: string; bucketSeconds?: number };
type Body = { rowCount: unknown; source: string; features: Record<string, unknown>[]; performance?: Record<string, unknown> };

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

function baselineBody(): Body {
  return {
    rowCount: 10,
    source: 'file:train.csv',
    features: [
      {
        name: 'income',
        kind: 'numeric',
        edges: [10, 20],
        binCounts: [3, 4, 2],
        fineEdges: [5, 10, 15, 20],
        fineCounts: [1, 2, 2, 2, 2],
        count: 9,
        missing: 1,
        min: 1.5,
        max: 31,
        mean: 14.2,
        std: 8.1,
        median: 13,
        importance: 0.7,
      },
      { name: 'region', kind: 'categorical', categories: { north: 6, south: 4 }, count: 10, missing: 0 },
      { name: 'member', kind: 'boolean', categories: { true: 7, false: 2 }, count: 9, missing: 1, importance: 0 },
    ],
  };
}

describe('baselines', () => {
  it('stores a POSTed baseline, which becomes the active one and is listed', async () => {
    const created = await postJson<BaselineView>(`${api.baseUrl}/api/models/credit-risk/versions/7/baselines`, baselineBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ modelId: 'credit-risk', modelVersion: '7', rowCount: 10, source: 'file:train.csv' });
    expect(Date.parse(created.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const active = await getJson<BaselineView>(`${api.baseUrl}/api/models/credit-risk/versions/7/baselines/active`);
    expect(active.status).toBe(200);
    expect(active.body.baselineId).toBe(created.body.baselineId);
    const byName = Object.fromEntries(active.body.features.map((f: { name: string }) => [f.name, f]));
    expect(byName.income).toMatchObject({ kind: 'numeric', edges: [10, 20], binCounts: [3, 4, 2], fineCounts: [1, 2, 2, 2, 2], min: 1.5, max: 31, importance: 0.7 });
    expect(byName.region).toMatchObject({ kind: 'categorical', categories: { north: 6, south: 4 }, edges: [], importance: null });
    expect(byName.member).toMatchObject({ kind: 'boolean', categories: { true: 7, false: 2 }, missing: 1, importance: 0 });

    const second = await postJson(`${api.baseUrl}/api/models/credit-risk/versions/7/baselines`, { ...baselineBody(), baselineId: 'retrained-1' });
    expect(second.status).toBe(201);
    const list = await getJson<{ baselines: BaselineSummaryView[] }>(`${api.baseUrl}/api/models/credit-risk/baselines`);
    expect(list.body.baselines.map((b: { baselineId: string; active: boolean }) => [b.baselineId, b.active])).toEqual([
      ['retrained-1', true],
      [created.body.baselineId, false],
    ]);
    const old = await getJson<BaselineView>(`${api.baseUrl}/api/models/credit-risk/baselines/${created.body.baselineId}`);
    expect(old.status).toBe(200);
    expect(old.body.features).toHaveLength(3);
  });

  it('answers 404 naming the model when it has no baseline', async () => {
    const res = await getJson(`${api.baseUrl}/api/models/nobody/versions/1/baselines/active`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'model "nobody" version "1" has no baseline' });
  });

  it.each([
    ['bin counts that do not match the edges', (b: Body) => (b.features[0].binCounts = [3, 6]), /features\[0\] \("income"\): binCounts has 2 entries, expected 3/],
    ['counts that do not add up', (b: Body) => ((b.features[1].categories as Record<string, number>).north = 5), /features\[1\] \("region"\): categories add up to 9, but count is 10/],
    ['an unknown property', (b: Body) => (b.features[0].colour = 'red'), /^invalid request body: features\.0\.colour should not exist$/],
    ['a wrong type', (b: Body) => (b.rowCount = 'ten'), /rowCount must be an integer number/],
    ['a negative importance', (b: Body) => (b.features[2].importance = -1), /features\.2\.importance must not be less than 0/],
    ['descending edges', (b: Body) => (b.features[0].edges = [20, 10]), /edges must be strictly ascending/],
    ['a boolean with other categories', (b: Body) => (b.features[2].categories = { yes: 9 }), /boolean feature has only the categories "true" and "false", got "yes"/],
    [
      'more features than an event may carry (1000, plus the prediction)',
      (b: Body) => (b.features = Array.from({ length: 1002 }, (_, i) => ({ name: `f${i}`, kind: 'categorical', categories: { a: 10 }, count: 10, missing: 0 }))),
      /features must contain no more than 1001 elements/,
    ],
  ])('rejects %s with a 400 naming the field', async (_what, mutate, message) => {
    const body = baselineBody();
    mutate(body);
    const res = await postJson(`${api.baseUrl}/api/models/m/versions/1/baselines`, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(res.body.message).toMatch(message);
  });

  const performance = () => ({
    task: 'binary',
    positiveClass: 'true',
    classes: ['false', 'true'],
    labelled: 8,
    metrics: { accuracy: 0.875, rocAuc: 0.9375, ece: null },
  });

  it('stores the performance sent with a baseline and returns it wherever the baseline is read', async () => {
    const created = await postJson<BaselineView>(`${api.baseUrl}/api/models/perf/versions/1/baselines`, { ...baselineBody(), baselineId: 'p1', performance: performance() });
    expect(created.status).toBe(201);
    expect(created.body.performance).toEqual(performance());
    const active = await getJson<BaselineView>(`${api.baseUrl}/api/models/perf/versions/1/baselines/active`);
    expect(active.body.performance).toEqual(performance());
    expect((await api.store.baselines.get('perf', 'p1'))?.performance).toEqual(performance());
    const without = await postJson<BaselineView>(`${api.baseUrl}/api/models/perf/versions/2/baselines`, baselineBody());
    expect(without.body).not.toHaveProperty('performance');
  });

  it.each([
    ['an unknown task', (p: Record<string, unknown>) => (p.task = 'ranking'), /performance\.task must be one of the following values: binary, multiclass, regression/],
    ['a negative labelled count', (p: Record<string, unknown>) => (p.labelled = -1), /performance\.labelled must not be less than 0/],
    ['a fractional labelled count', (p: Record<string, unknown>) => (p.labelled = 2.5), /performance\.labelled must be an integer number/],
    ['more labelled pairs than rows', (p: Record<string, unknown>) => (p.labelled = 11), /^performance\.labelled 11 exceeds rowCount 10$/],
    ['a metric as text', (p: Record<string, unknown>) => ((p.metrics as Record<string, unknown>).accuracy = '0.9'), /^performance\.metrics\.accuracy must be a finite number or null, got "0\.9"$/],
    ['a metric as a list', (p: Record<string, unknown>) => ((p.metrics as Record<string, unknown>).rocAuc = [1]), /^performance\.metrics\.rocAuc must be a finite number or null, got \[1\]$/],
    ['metrics that are not an object', (p: Record<string, unknown>) => (p.metrics = 3), /performance\.metrics must be an object/],
    ['a class that is not text', (p: Record<string, unknown>) => (p.classes = ['a', 1]), /performance\.classes: each value in classes must be a string/],
    ['too many classes', (p: Record<string, unknown>) => (p.classes = Array.from({ length: 10_001 }, (_, i) => `c${i}`)), /performance\.classes must contain no more than 10000 elements/],
    ['too many metrics', (p: Record<string, unknown>) => (p.metrics = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`m${i}`, 0]))), /^performance\.metrics has 1001 entries, at most 1000 are accepted$/],
    ['a binary task without its positive class', (p: Record<string, unknown>) => (p.positiveClass = null), /^performance\.positiveClass is required for a binary task$/],
    ['a regression task with classes', (p: Record<string, unknown>) => Object.assign(p, { task: 'regression', positiveClass: null }), /^performance\.classes must be empty for a regression task$/],
    ['an unknown property', (p: Record<string, unknown>) => (p.auc = 0.5), /performance\.auc should not exist/],
  ])('rejects performance with %s with a 400 naming the field', async (_what, mutate, message) => {
    const p = performance();
    mutate(p);
    const res = await postJson(`${api.baseUrl}/api/models/m/versions/1/baselines`, { ...baselineBody(), performance: p });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('rejects malformed JSON with a 400 and a body over 10 MB with a 413, both as JSON', async () => {
    const bad = await postJson(`${api.baseUrl}/api/models/m/versions/1/baselines`, '{"rowCount": ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^request body is not valid JSON/);
    const huge = JSON.stringify({ ...baselineBody(), source: 'x'.repeat(11 * 1024 * 1024) });
    const tooLarge = await postJson(`${api.baseUrl}/api/models/m/versions/1/baselines`, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'request body is larger than the 10 MB limit' });
  });

  it('computes the performance of a baseline from windows from the labels joined to its predictions', async () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.35];
    const labels = [1, 1, 0, 1, 0, 1, 0, 0, 0, null];
    await api.store.samples.insert(
      scores.map((s, i) => ({ modelId: 'judged', modelVersion: '1', eventId: `j${i}`, eventTime: T0 + i * 1000, features: { amount: i }, prediction: s })),
      'api-e2e-judged-samples',
    );
    await api.store.predictions.insert(
      scores.map((s, i) => ({
        modelId: 'judged', modelVersion: '1', eventId: `j${i}`, eventTime: T0 + i * 1000, windowStart: T0, windowEnd: T0 + 60_000,
        kind: 'number' as const, number: s, class: null, probabilities: {}, sourceOffset: String(i),
      })),
      'api-e2e-judged-predictions',
      90,
    );
    await new LabelRepository(api.store.client).save(
      labels.flatMap((l, i) => (l === null ? [] : [{ eventId: `j${i}`, modelId: 'judged', timestamp: T0 + HOUR, label: l }])),
    );
    const res = await postJson<FromWindowsResult>(`${api.baseUrl}/api/models/judged/versions/1/baselines/from-windows`, { from: T0, to: T0 + HOUR });
    expect(res.status).toBe(201);
    // roc_auc_score([1,1,0,1,0,1,0,0,0], scores[:9]) = 0.85; accuracy at 0.5: 6/9 (scikit-learn)
    expect(res.body.performance).toMatchObject({ task: 'binary', positiveClass: '1', labelled: 9 });
    expect(res.body.performance?.metrics.rocAuc).toBeCloseTo(0.85, 12);
    expect(res.body.performance?.metrics.accuracy).toBeCloseTo(6 / 9, 12);
    expect((await api.store.baselines.getActive('judged', '1'))?.performance).toEqual(res.body.performance);
  });

  it('builds a baseline from the events kept for a version without one', async () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({
      modelId: 'fresh',
      modelVersion: '1',
      eventId: `e${i}`,
      eventTime: T0 + i * 1000,
      features: { amount: i + 1, channel: i < 7 ? 'web' : 'app', vip: i % 2 === 0, ...(i === 0 ? {} : { note: 'x' }) },
      prediction: 0.5,
    }));
    await api.store.samples.insert(samples, 'api-e2e-samples');
    // The last event is outside the range.
    const res = await postJson<FromWindowsResult>(`${api.baseUrl}/api/models/fresh/versions/1/baselines/from-windows`, {
      from: new Date(T0).toISOString(),
      to: T0 + 9000,
      bins: 4,
      importance: { amount: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.body.samples).toEqual({ used: 9, available: 9 });
    expect(res.body.rowCount).toBe(9);
    expect(res.body.source).toBe(`windows:${new Date(T0).toISOString()}..${new Date(T0 + 9000).toISOString()}`);
    const f = Object.fromEntries(res.body.features.map((x: { name: string }) => [x.name, x]));
    // np.quantile([1..9], [.25, .5, .75]) = 3, 5, 7
    expect(f.amount).toMatchObject({ kind: 'numeric', edges: [3, 5, 7], binCounts: [2, 2, 2, 3], count: 9, min: 1, max: 9, median: 5, importance: 2 });
    expect(f.channel).toMatchObject({ kind: 'categorical', categories: { web: 7, app: 2 }, count: 9 });
    expect(f.vip).toMatchObject({ kind: 'boolean', categories: { true: 5, false: 4 } });
    expect(f.note).toMatchObject({ count: 8, missing: 1 });
    // The events' predictions become the baseline's prediction feature.
    expect(f['@prediction']).toMatchObject({ kind: 'numeric', count: 9, missing: 0, min: 0.5, max: 0.5, importance: null });
    const active = await getJson<BaselineView>(`${api.baseUrl}/api/models/fresh/versions/1/baselines/active`);
    expect(active.body.baselineId).toBe(res.body.baselineId);
  });

  it('answers from-windows without events with a 404 and bad input with a 400', async () => {
    const none = await postJson(`${api.baseUrl}/api/models/fresh/versions/2/baselines/from-windows`, { from: T0, to: T0 + HOUR });
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/no stored events of model "fresh" version "2"/);
    const badTime = await postJson(`${api.baseUrl}/api/models/fresh/versions/1/baselines/from-windows`, { from: 'last week', to: T0 });
    expect(badTime.status).toBe(400);
    expect(badTime.body.message).toBe('from: expected an ISO-8601 time or epoch milliseconds, got "last week"');
    const badImportance = await postJson(`${api.baseUrl}/api/models/fresh/versions/1/baselines/from-windows`, { from: T0, to: T0 + HOUR, importance: { zip: 1 } });
    expect(badImportance.status).toBe(400);
    expect(badImportance.body.message).toMatch(/importance names a feature the data does not have: "zip"/);
  });
});

describe('windows', () => {
  const feature = (windowStart: number, version: string, extra: Partial<WindowFeatureDelta>): WindowFeatureDelta => ({
    modelId: 'fraud',
    modelVersion: version,
    windowStart,
    windowEnd: windowStart + 60_000,
    feature: 'amount',
    baselineId: 'b1',
    count: 0,
    missing: 0,
    typeErrors: 0,
    bins: [0, 0, 0],
    categories: {},
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    min: null,
    max: null,
    sum: 0,
    sumSq: 0,
    ...extra,
  });
  const window = (windowStart: number, version: string, eventCount: number, lateCount: number) => ({
    modelId: 'fraud',
    modelVersion: version,
    windowStart,
    windowEnd: windowStart + 60_000,
    eventCount,
    lateCount,
    firstEventTime: windowStart + 5,
    lastEventTime: windowStart + 50_000,
    closedAt: lateCount === 0 ? windowStart + 70_000 : null,
  });

  beforeAll(async () => {
    await api.store.windows.insertDeltas(
      {
        windows: [window(T0, '1', 5, 0), window(T0 + 60_000, '1', 4, 0), window(T0 + 120_000, '2', 2, 0)],
        features: [
          feature(T0, '1', { count: 4, missing: 1, bins: [1, 2, 1], min: 1, max: 9, sum: 20, sumSq: 120 }),
          feature(T0 + 60_000, '1', { count: 4, bins: [0, 1, 3], min: 4, max: 12, sum: 30, sumSq: 250, outOfRangeHigh: 1 }),
          { ...feature(T0, '1', { count: 5, categories: { north: 3, south: 2 }, bins: [] }), feature: 'region' },
          feature(T0 + 120_000, '2', { count: 2, typeErrors: 1, bins: [2, 0, 0], min: 0, max: 0.5, sum: 0.5, sumSq: 0.25 }),
        ],
      },
      'api-e2e-windows-1',
    );
    // A late delta of the first window, written after it closed.
    await api.store.windows.insertDeltas(
      { windows: [window(T0, '1', 1, 1)], features: [feature(T0, '1', { count: 1, bins: [0, 0, 1], min: 10, max: 10, sum: 10, sumSq: 100 })] },
      'api-e2e-windows-2',
    );
  });

  it('lists windows with ISO times, event and late counts, and per-feature histograms', async () => {
    const res = await getJson<WindowList & { from: string; to: string }>(`${api.baseUrl}/api/models/fraud/windows?from=${new Date(T0).toISOString()}&to=${T0 + HOUR}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ modelId: 'fraud', modelVersion: null, from: '2026-11-26T14:00:00.000Z', to: '2026-11-26T15:00:00.000Z' });
    expect(res.body.windows.map((w: WindowView) => [w.modelVersion, w.start, w.end, w.eventCount, w.lateCount])).toEqual([
      ['1', '2026-11-26T14:00:00.000Z', '2026-11-26T14:01:00.000Z', 6, 1],
      ['1', '2026-11-26T14:01:00.000Z', '2026-11-26T14:02:00.000Z', 4, 0],
      ['2', '2026-11-26T14:02:00.000Z', '2026-11-26T14:03:00.000Z', 2, 0],
    ]);
    const [first] = res.body.windows;
    expect(first.closedAt).toBe('2026-11-26T14:01:10.000Z');
    expect(first.features).toEqual([
      {
        feature: 'amount',
        baselineId: 'b1',
        count: 5,
        missing: 1,
        typeErrors: 0,
        bins: [1, 2, 2],
        fineBins: [],
        categories: {},
        outOfRangeLow: 0,
        outOfRangeHigh: 0,
        min: 1,
        max: 10,
        sum: 30,
        sumSq: 220,
      },
      expect.objectContaining({ feature: 'region', count: 5, categories: { north: 3, south: 2 } }),
    ]);
  });

  it('filters by version and range', async () => {
    const v2 = await getJson<WindowList>(`${api.baseUrl}/api/models/fraud/windows?from=${T0}&to=${T0 + HOUR}&version=2`);
    expect(v2.body.windows.map((w: WindowView) => w.start)).toEqual(['2026-11-26T14:02:00.000Z']);
    expect(v2.body.windows[0].features[0].typeErrors).toBe(1);
    const later = await getJson<WindowList>(`${api.baseUrl}/api/models/fraud/windows?from=${T0 + 60_000}&to=${T0 + 120_000}`);
    expect(later.body.windows.map((w: WindowView) => w.start)).toEqual(['2026-11-26T14:01:00.000Z']);
  });

  it('rolls windows up into hour buckets by summing', async () => {
    const res = await getJson<WindowList>(`${api.baseUrl}/api/models/fraud/windows/rollup?bucket=3600&from=${T0}&to=${T0 + HOUR}&version=1`);
    expect(res.status).toBe(200);
    expect(res.body.bucketSeconds).toBe(3600);
    expect(res.body.windows).toHaveLength(1);
    const [hour] = res.body.windows;
    expect(hour).toMatchObject({ start: '2026-11-26T14:00:00.000Z', end: '2026-11-26T15:00:00.000Z', eventCount: 10, lateCount: 1, windowCount: 2 });
    const amount = hour.features.find((f: WindowView['features'][number]) => f.feature === 'amount');
    expect(amount).toMatchObject({ count: 9, missing: 1, bins: [1, 3, 5], min: 1, max: 12, sum: 60, outOfRangeHigh: 1 });
  });

  it('pages windows with limit and nextCursor, every window once, and refuses a too long range or a too large page', async () => {
    const base = `${api.baseUrl}/api/models/fraud/windows?from=${T0}&to=${T0 + HOUR}`;
    const whole = await getJson<WindowList & { nextCursor: string | null }>(base);
    expect(whole.body.nextCursor).toBeNull();
    const starts: string[] = [];
    let url = `${base}&limit=2`;
    let pages = 0;
    for (;;) {
      const page = await getJson<WindowList & { nextCursor: string | null }>(url);
      expect(page.status).toBe(200);
      expect(page.body.windows.length).toBeLessThanOrEqual(2);
      starts.push(...page.body.windows.map((w: WindowView) => `${w.modelVersion}@${w.start}`));
      pages++;
      if (page.body.nextCursor === null) break;
      url = `${base}&limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(pages).toBe(2);
    expect(starts).toEqual(whole.body.windows.map((w: WindowView) => `${w.modelVersion}@${w.start}`));
    const rollup = await getJson<WindowList & { nextCursor: string | null }>(`${api.baseUrl}/api/models/fraud/windows/rollup?bucket=60&from=${T0}&to=${T0 + HOUR}&limit=1`);
    expect(rollup.body.windows).toHaveLength(1);
    expect(rollup.body.nextCursor).toBe(String(T0 + 60_000));

    // Lists of what operators create are paged the same way.
    const models = await getJson<{ models: unknown[]; nextCursor: string | null }>(`${api.baseUrl}/api/models?limit=1`);
    expect(models.body.models).toHaveLength(1);
    expect(models.body.nextCursor).toBe('1');
    const rest = await getJson<{ models: unknown[]; nextCursor: string | null }>(`${api.baseUrl}/api/models?cursor=1`);
    const all = await getJson<{ models: unknown[]; nextCursor: string | null }>(`${api.baseUrl}/api/models`);
    expect([...models.body.models, ...rest.body.models]).toEqual(all.body.models);
    expect((await getJson(`${api.baseUrl}/api/webhooks?limit=0`)).status).toBe(400);

    const tooMany = await getJson(`${base}&limit=1001`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toBe('query parameter limit: expected an integer from 1 to 1000, got "1001"');
    const tooLong = await getJson(`${api.baseUrl}/api/models/fraud/windows?from=${T0 - 40 * 24 * HOUR}&to=${T0}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/^query parameters from\/to: the range spans 40 days, more than the maximum of 31/);
    const badCursor = await getJson(`${base}&cursor=${T0 + 2 * HOUR}`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.message).toMatch(/^query parameter cursor: /);
  });

  it('answers a bad query with a 400 naming the parameter', async () => {
    const badFrom = await getJson(`${api.baseUrl}/api/models/fraud/windows?from=yesterday`);
    expect(badFrom.status).toBe(400);
    expect(badFrom.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'query parameter from: expected an ISO-8601 time or epoch milliseconds, got "yesterday"',
    });
    const reversed = await getJson(`${api.baseUrl}/api/models/fraud/windows?from=${T0 + HOUR}&to=${T0}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toMatch(/from .* must be before to/);
    const badBucket = await getJson(`${api.baseUrl}/api/models/fraud/windows/rollup?bucket=0`);
    expect(badBucket.status).toBe(400);
    expect(badBucket.body.message).toMatch(/^query parameter bucket: expected an integer from 1 to/);
  });

  it('lists models with versions, window counts and baselines', async () => {
    // A version with both windows and a baseline: its span is its windows' span.
    expect((await postJson(`${api.baseUrl}/api/models/fraud/versions/2/baselines`, { ...baselineBody(), baselineId: 'fraud-2' })).status).toBe(201);
    const res = await getJson<{ models: ModelView[] }>(`${api.baseUrl}/api/models`);
    expect(res.status).toBe(200);
    const fraud = res.body.models.find((m: ModelView) => m.modelId === 'fraud');
    expect(fraud?.versions).toEqual([
      {
        modelVersion: '1',
        windowCount: 2,
        eventCount: 10,
        firstWindowStart: '2026-11-26T14:00:00.000Z',
        lastWindowEnd: '2026-11-26T14:02:00.000Z',
        hasBaseline: false,
        activeBaselineId: null,
      },
      {
        modelVersion: '2',
        windowCount: 1,
        eventCount: 2,
        firstWindowStart: '2026-11-26T14:02:00.000Z',
        lastWindowEnd: '2026-11-26T14:03:00.000Z',
        hasBaseline: true,
        activeBaselineId: 'fraud-2',
      },
    ]);
    const credit = res.body.models.find((m: ModelView) => m.modelId === 'credit-risk');
    expect(credit?.versions[0]).toMatchObject({
      modelVersion: '7',
      hasBaseline: true,
      activeBaselineId: 'retrained-1',
      windowCount: 0,
      firstWindowStart: null,
      lastWindowEnd: null,
    });
  });
});

describe('health, metrics, docs', () => {
  it('is live, and ready when ClickHouse and Kafka answer', async () => {
    expect(await getJson<{ status: string }>(`${api.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'live' } });
    const ready = await getJson<{ status: string; checks: unknown }>(`${api.baseUrl}/health/ready`);
    expect(ready).toEqual({ status: 200, body: { status: 'ready', checks: { clickhouse: { ok: true }, kafka: { ok: true } } } });
  });

  it('serves Prometheus text with the process metrics', async () => {
    const res = await fetch(`${api.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await res.text();
    const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( -?\d+)?$/;
    const lines = text.split('\n').filter((l) => l !== '');
    for (const line of lines) {
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      expect(line).toMatch(sample);
    }
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });

  it('serves an OpenAPI 3 document listing every endpoint, and the Swagger UI', async () => {
    const { status, body: doc } = await getJson<OpenApiDoc>(`${api.baseUrl}/api/docs`);
    expect(status).toBe(200);
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('Driftwatch API');
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(
      [
        'GET /api/models',
        'GET /api/models/{model}/windows',
        'GET /api/models/{model}/windows/rollup',
        'POST /api/models/{model}/versions/{version}/baselines',
        'POST /api/models/{model}/versions/{version}/baselines/from-windows',
        'GET /api/models/{model}/versions/{version}/baselines/active',
        'GET /api/models/{model}/baselines',
        'GET /api/models/{model}/baselines/{baselineId}',
        'GET /api/models/{model}/drift',
        'GET /api/models/{model}/performance',
        'GET /api/models/{model}/policy',
        'GET /api/models/{model}/policy/history',
        'PUT /api/models/{model}/policy',
        'GET /api/incidents',
        'GET /api/incidents/{id}',
        'GET /api/webhooks',
        'POST /api/webhooks',
        'GET /api/webhooks/{id}',
        'PUT /api/webhooks/{id}',
        'DELETE /api/webhooks/{id}',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
      ].sort(),
    );
    // Every route group is described, and the description names each of them.
    const used = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op as { tags?: string[] }).tags ?? [])));
    const described = new Map(doc.tags.map((t) => [t.name, t.description]));
    for (const tag of used) expect(described.get(tag), `tag ${tag}`).toMatch(/\w{3,}/);
    for (const tag of used) expect(doc.info.description.toLowerCase()).toContain(tag === 'health' ? 'health' : tag.replace(/s$/, ''));
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
    const ui = await fetch(`${api.baseUrl}/api/docs/ui`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger-ui/i);
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await getJson(`${api.baseUrl}/api/nothing`);
    expect(res).toEqual({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/nothing' } });
  });
});
