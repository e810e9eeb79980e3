import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { EvaluationMessage, FeatureEvaluation } from '@driftwatch/contracts';
import { loadConfig } from '@driftwatch/config';
import { ApiAuthGuard, RuntimeModule, STORE } from '@driftwatch/runtime';
import { DriftResultRepository, IncidentRepository, type Store, type StoredIncident, type WindowFeatureDelta } from '@driftwatch/store';
import { tempDir } from '@driftwatch/testing';
// The real API (every route, embedded ClickHouse in a fresh directory) in this process.
import { ApiModule, configureHttpApp } from '@driftwatch/api';

export const MINUTE = 60_000;

export interface QueriesApi {
  baseUrl: string;
  store: Store;
  close(): Promise<void>;
}

/** The whole API on an ephemeral port; with `tokens` (DRIFTWATCH_API_TOKENS) behind the real guard. */
export async function startQueriesApi(tokens?: string): Promise<QueriesApi> {
  const data = tempDir('driftwatch-cli-queries-');
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: data.dir, ...(tokens ? { DRIFTWATCH_API_TOKENS: tokens } : {}) });
  const moduleRef = await Test.createTestingModule({
    imports: [RuntimeModule.forRoot({ config }), ApiModule],
    providers: tokens ? [{ provide: APP_GUARD, useClass: ApiAuthGuard }] : [],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`,
    store: app.get<Store>(STORE),
    close: async () => {
      await app.close();
      data.remove();
    },
  };
}

/** A baseline for (model, version) through the API, as `driftwatch baseline create` stores one. */
export async function storeBaseline(baseUrl: string, model: string, version: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/models/${model}/versions/${version}/baselines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rowCount: 10,
      source: 'file:train.csv',
      features: [
        { name: 'income', kind: 'numeric', edges: [10, 20], binCounts: [3, 4, 3], count: 10, missing: 0, min: 1, max: 30, importance: 0.7 },
        { name: 'region', kind: 'categorical', categories: { north: 6, south: 4 }, count: 10, missing: 0, importance: 0.3 },
      ],
    }),
  });
  if (res.status !== 201) throw new Error(`baseline not stored: ${res.status} ${await res.text()}`);
}

/** Stored windows of `model`: `events` per window, starting at `starts`, one minute each. */
export async function storeWindows(store: Store, model: string, version: string, starts: number[], events: number, missing = 0): Promise<void> {
  const feature = (windowStart: number, name: string, extra: Partial<WindowFeatureDelta>): WindowFeatureDelta => ({
    modelId: model,
    modelVersion: version,
    windowStart,
    windowEnd: windowStart + MINUTE,
    feature: name,
    baselineId: 'b1',
    count: 0,
    missing: 0,
    typeErrors: 0,
    bins: [],
    categories: {},
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    min: null,
    max: null,
    sum: 0,
    sumSq: 0,
    ...extra,
  });
  await store.windows.insertDeltas(
    {
      windows: starts.map((s) => ({
        modelId: model,
        modelVersion: version,
        windowStart: s,
        windowEnd: s + MINUTE,
        eventCount: events,
        lateCount: 0,
        firstEventTime: s + 1,
        lastEventTime: s + MINUTE - 1,
        closedAt: s + MINUTE + 10_000,
      })),
      features: starts.flatMap((s) => [
        feature(s, 'income', { count: events - missing, missing, bins: [events - missing, 0, 0], min: 1, max: 9, sum: 5 * events, sumSq: 30 * events }),
        feature(s, 'region', { count: events, categories: { north: events } }),
      ]),
    },
    `cli-queries-${model}-${version}-${starts[0]}`,
  );
}

export function featureEvaluation(name: string, kind: FeatureEvaluation['kind'], drift: Partial<FeatureEvaluation['drift']>): FeatureEvaluation {
  return {
    name,
    kind,
    importance: 0.5,
    metrics: {},
    drift: { detected: false, method: 'psi', value: 0, threshold: 0.1, severity: null, ...drift },
    missingRate: 0,
    baselineMissingRate: 0,
    typeErrorRate: 0,
    newCategoryShare: 0,
    outOfRangeShare: 0,
  };
}

/** A stored window evaluation, as the evaluator writes them to drift_results. */
export async function storeEvaluation(store: Store, model: string, version: string, windowStart: number, o: Partial<EvaluationMessage>): Promise<void> {
  await new DriftResultRepository(store.client).save({
    schemaVersion: 1,
    evaluationId: `${model}-${version}-${windowStart}`.padEnd(40, '0'),
    modelId: model,
    modelVersion: version,
    granularity: 'window',
    windowStart,
    windowEnd: windowStart + MINUTE,
    evaluatedAt: windowStart + MINUTE + 15_000,
    baselineId: 'b1',
    eventCount: 200,
    judged: true,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: 0.5, detected: false },
    findings: [],
    ...o,
  });
}

export async function storeIncidents(store: Store, incidents: Array<Partial<StoredIncident> & Pick<StoredIncident, 'incidentId' | 'modelId'>>, at: number): Promise<void> {
  await new IncidentRepository(store.client).saveIncidents(
    incidents.map((i) => ({
      modelVersion: '1',
      granularity: 'window',
      kind: 'data_drift',
      feature: 'income',
      severity: 'critical',
      status: 'open',
      openedAt: at,
      updatedAt: at,
      resolvedAt: null,
      windowStart: at - MINUTE,
      windowEnd: at,
      badWindows: 1,
      evidence: { kind: 'data_drift', feature: 'income', severity: 'critical', metric: 'wasserstein', value: 0.4, threshold: 0.1, message: 'income: Wasserstein 0.4 ≥ 0.1 (critical)' },
      lastEventType: 'opened',
      revision: 1,
      ...i,
    })),
  );
}
