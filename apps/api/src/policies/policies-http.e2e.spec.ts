import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@driftwatch/config';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { DEFAULT_POLICY } from '@driftwatch/evaluation';
import { RuntimeModule, STORE } from '@driftwatch/runtime';
import { DriftResultRepository, type Store } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftEvaluationView } from '../drift/drift-view';
import { configureHttpApp } from '../http/configure-http';
import { PoliciesHttpModule } from './policies-http.module';
import type { PolicyView } from './policy-view';

let app: INestApplication;
let store: Store;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-policies-'));
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: dataDir });
  const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config }), PoliciesHttpModule] }).compile();
  app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/models`;
  store = app.get<Store>(STORE);
  await store.baselines.save({
    modelId: 'credit-risk',
    modelVersion: '7',
    baselineId: 'b1',
    createdAt: 0,
    rowCount: 10,
    source: 'test',
    features: [
      { name: 'income', kind: 'numeric', edges: [1], binCounts: [5, 5], categories: {}, count: 10, missing: 0, min: 0, max: 2, mean: 1, std: 1, median: 1, importance: null },
      { name: 'region', kind: 'categorical', edges: [], binCounts: [], categories: { a: 10 }, count: 10, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T & { message?: string } }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T & { message?: string } };
}

describe('policy API', () => {
  it('GET answers the defaults for a model without a policy', async () => {
    const { status, body } = await call<PolicyView>('GET', `${base}/credit-risk/policy`);
    expect(status).toBe(200);
    expect(body).toEqual({ modelId: 'credit-risk', policy: {}, effective: DEFAULT_POLICY, updatedAt: null, warnings: [] });
  });

  it('PUT stores the overrides; GET then shows them merged on the defaults', async () => {
    const doc = { minWindowEvents: 20, drift: { numeric: { method: 'psi' } }, features: { income: { importance: 2 }, region: { method: 'ks' }, gone: { ignore: true } } };
    const put = await call<PolicyView>('PUT', `${base}/credit-risk/policy`, doc);
    expect(put.status).toBe(200);
    expect(put.body.policy).toEqual(doc);
    expect(put.body.effective.minWindowEvents).toBe(20);
    expect(put.body.effective.drift.numeric).toEqual({ method: 'psi', threshold: null, critical: null });
    expect(put.body.effective.missing).toEqual(DEFAULT_POLICY.missing);
    expect(put.body.warnings).toEqual([
      'features.region.method: ks does not apply to categorical feature region; its kind\'s rule is used instead',
      'features.gone: no active baseline of credit-risk has this feature',
    ]);
    const got = await call<PolicyView>('GET', `${base}/credit-risk/policy`);
    expect(got.body.policy).toEqual(doc);
    expect(got.body.updatedAt).toBe(put.body.updatedAt);
    const history = await call<{ versions: unknown[] }>('GET', `${base}/credit-risk/policy/history`);
    expect(history.body.versions).toHaveLength(1);
  });

  it('PUT refuses an invalid policy with a 400 naming every bad field, and keeps the stored one', async () => {
    const bad = await call<PolicyView>('PUT', `${base}/credit-risk/policy`, { missing: { increase: -1 }, alerting: { openAfterr: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(
      'invalid policy: missing.increase: expected a number from 0 to 1, got -1; alerting.openAfterr: unknown field (expected openAfter, resolveAfter, cooldownSeconds)',
    );
    expect((await call<PolicyView>('GET', `${base}/credit-risk/policy`)).body.policy.minWindowEvents).toBe(20);
  });

  it('PUT takes drift.falseAlarmRate, and a retired drift.minEvents is dropped; the OpenAPI document explains it', async () => {
    const put = await call<PolicyView>('PUT', `${base}/small-windows/policy`, { drift: { falseAlarmRate: 2 } });
    expect(put.status).toBe(200);
    expect(put.body.effective.drift).toEqual({ ...DEFAULT_POLICY.drift, falseAlarmRate: 2 });
    const retired = await call<PolicyView>('PUT', `${base}/small-windows/policy`, { drift: { minEvents: 250 } });
    expect(retired.status).toBe(200);
    expect(retired.body.effective.drift).toEqual(DEFAULT_POLICY.drift);
    expect(retired.body.warnings).toEqual([expect.stringMatching(/drift\.minEvents.*drift\.falseAlarmRate/)]);
    const doc = await call<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { description: string } }> } }>> }>(
      'GET',
      base.replace(/\/models$/, '/docs'),
    );
    const body = doc.body.paths['/api/models/{model}/policy'].put.requestBody?.content['application/json'].schema;
    expect(body?.description).toMatch(/drift\.falseAlarmRate \(target false incidents per model per 30 days, default 1: .* replaces drift\.minEvents/);
  });

  it('PUT {} restores the defaults', async () => {
    const put = await call<PolicyView>('PUT', `${base}/credit-risk/policy`, {});
    expect(put.body.effective).toEqual(DEFAULT_POLICY);
  });
});

describe('drift history API', () => {
  const H = Date.UTC(2026, 10, 26, 10);
  const evaluation = (i: number, granularity: 'window' | 'rollup'): EvaluationMessage => ({
    schemaVersion: 1,
    evaluationId: `${i}`.padStart(40, 'a'),
    modelId: 'credit-risk',
    modelVersion: '7',
    granularity,
    windowStart: H + i * 60_000,
    windowEnd: H + (granularity === 'window' ? (i + 1) * 60_000 : 3600_000),
    evaluatedAt: H + (i + 1) * 60_000 + 5_000,
    baselineId: 'b1',
    eventCount: 100,
    judged: true,
    features: [
      {
        name: 'income',
        kind: 'numeric',
        importance: 1,
        metrics: { psi: 0.3 },
        drift: { detected: true, method: 'psi', value: 0.3, threshold: 0.1, severity: 'critical' },
        missingRate: 0,
        baselineMissingRate: 0,
        typeErrorRate: 0,
        newCategoryShare: 0,
        outOfRangeShare: 0,
      },
    ],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 1, threshold: 0.5, detected: true },
    findings: [{ kind: 'data_drift', feature: 'income', severity: 'critical', metric: 'psi', value: 0.3, threshold: 0.1, message: 'income: psi 0.3 ≥ 0.1 (critical)' }],
  });

  beforeAll(async () => {
    await new DriftResultRepository(store.client).save([evaluation(0, 'window'), evaluation(1, 'window'), evaluation(0, 'rollup')]);
  });

  it('lists the evaluations of a time range, oldest first, without per-feature metrics by default', async () => {
    const { status, body } = await call<{ evaluations: DriftEvaluationView[] }>('GET', `${base}/credit-risk/drift?from=${H}&to=2026-11-26T11:00:00Z`);
    expect(status).toBe(200);
    expect(body.evaluations.map((e) => [e.granularity, e.windowStart])).toEqual([
      ['rollup', '2026-11-26T10:00:00.000Z'],
      ['window', '2026-11-26T10:00:00.000Z'],
      ['window', '2026-11-26T10:01:00.000Z'],
    ]);
    expect(body.evaluations[1].features[0]).not.toHaveProperty('metrics');
    expect(body.evaluations[1].findings[0].message).toBe('income: psi 0.3 ≥ 0.1 (critical)');
  });

  it('filters by granularity and includes metrics on request', async () => {
    const { body } = await call<{ evaluations: DriftEvaluationView[] }>('GET', `${base}/credit-risk/drift?from=${H}&to=${H + 3600_000}&granularity=window&metrics=true&limit=1`);
    expect(body.evaluations.map((e) => e.windowStart)).toEqual(['2026-11-26T10:01:00.000Z']);
    expect(body.evaluations[0].features[0].metrics).toEqual({ psi: 0.3 });
  });

  it('pages the history newest page first with nextCursor, every evaluation once', async () => {
    type Page = { evaluations: DriftEvaluationView[]; nextCursor: string | null };
    const range = `from=${H}&to=${H + 3600_000}`;
    const whole = await call<Page>('GET', `${base}/credit-risk/drift?${range}`);
    expect(whole.body.nextCursor).toBeNull();
    const first = await call<Page>('GET', `${base}/credit-risk/drift?${range}&limit=2`);
    expect(first.body.nextCursor).toBe('2');
    const second = await call<Page>('GET', `${base}/credit-risk/drift?${range}&limit=2&cursor=2`);
    expect(second.body.nextCursor).toBeNull();
    const key = (e: DriftEvaluationView) => `${e.granularity}@${e.windowStart}`;
    // Each page is oldest first; the second page holds the older evaluations.
    expect([...second.body.evaluations, ...first.body.evaluations].map(key)).toEqual(whole.body.evaluations.map(key));
    expect((await call('GET', `${base}/credit-risk/drift?limit=10001`)).body.message).toBe('query parameter limit: expected an integer from 1 to 10000, got "10001"');
    expect((await call('GET', `${base}/credit-risk/drift?from=${H - 400 * 86_400_000}&to=${H}`)).body.message).toMatch(/^query parameters from\/to: the range spans 400 days, more than the maximum of 366/);
  });

  it('answers 400 for a bad range or granularity', async () => {
    expect((await call('GET', `${base}/credit-risk/drift?from=yesterday`)).body.message).toMatch(/^query parameter from: expected an ISO-8601 time/);
    expect((await call('GET', `${base}/credit-risk/drift?granularity=hour`)).status).toBe(400);
    expect((await call('GET', `${base}/credit-risk/drift?from=${H}&to=${H}`)).status).toBe(400);
  });
});
