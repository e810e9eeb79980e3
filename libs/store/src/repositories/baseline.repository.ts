import type { Baseline, BaselineFeature, FeatureKind, PerformanceSnapshot } from '@driftwatch/contracts';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toCountMap, toNullableNumber, toNumber, toNumbers } from '../sql/number.util';
import type { BaselineSummary } from './baseline.types';

const KINDS: readonly FeatureKind[] = ['numeric', 'categorical', 'boolean'];

interface BaselineRow {
  model_id: string;
  model_version: string;
  baseline_id: string;
  created_ms: unknown;
  row_count: unknown;
  source: string;
  feature: string;
  kind: string;
  edges: unknown;
  bin_counts: unknown;
  fine_edges: unknown;
  fine_counts: unknown;
  categories: unknown;
  count: unknown;
  missing: unknown;
  min: unknown;
  max: unknown;
  mean: unknown;
  std: unknown;
  median: unknown;
  importance: unknown;
}

const COLUMNS = `model_id, model_version, baseline_id, toUnixTimestamp64Milli(created_at) AS created_ms, row_count,
  source, feature, kind, edges, bin_counts, fine_edges, fine_counts, categories, count, missing,
  min, max, mean, std, median, importance`;

export class BaselineRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * Stores a baseline's features in one insert, so it becomes visible whole or not at all. Its
   * performance (or the absence of one) is written just before: a reader that sees the
   * baseline sees its performance too (migration 0010).
   */
  async save(baseline: Baseline): Promise<void> {
    validate(baseline);
    await this.store.client.insert({
      table: this.store.table('baseline_performance'),
      format: 'JSONEachRow',
      values: [
        {
          model_id: baseline.modelId,
          baseline_id: baseline.baselineId,
          snapshot: baseline.performance === undefined ? '' : JSON.stringify(baseline.performance),
          written_at: toDateTime64(Date.now()),
        },
      ],
    });
    await this.store.client.insert({
      table: this.store.table('baselines'),
      format: 'JSONEachRow',
      values: baseline.features.map((f, position) => ({
        model_id: baseline.modelId,
        model_version: baseline.modelVersion,
        baseline_id: baseline.baselineId,
        created_at: toDateTime64(baseline.createdAt),
        row_count: baseline.rowCount,
        source: baseline.source,
        position,
        feature: f.name,
        kind: f.kind,
        edges: f.edges,
        bin_counts: f.binCounts,
        fine_edges: f.fineEdges ?? [],
        fine_counts: f.fineCounts ?? [],
        categories: f.categories,
        count: f.count,
        missing: f.missing,
        min: f.min,
        max: f.max,
        mean: f.mean,
        std: f.std,
        median: f.median,
        importance: f.importance,
      })),
    });
  }

  /** The newest baseline of a model version, or null when it has none. */
  async getActive(modelId: string, modelVersion: string): Promise<Baseline | null> {
    const table = this.store.table('baselines');
    return this.load(
      `SELECT ${COLUMNS} FROM ${table} FINAL
       WHERE model_id = {modelId:String} AND model_version = {modelVersion:String}
         AND baseline_id = (
           SELECT argMax(baseline_id, (created_at, baseline_id)) FROM ${table}
           WHERE model_id = {modelId:String} AND model_version = {modelVersion:String})
       ORDER BY position`,
      { modelId, modelVersion },
    );
  }

  /** A baseline by id, active or not (windows keep referring to the baseline they were binned with). */
  async get(modelId: string, baselineId: string): Promise<Baseline | null> {
    return this.load(
      `SELECT ${COLUMNS} FROM ${this.store.table('baselines')} FINAL
       WHERE model_id = {modelId:String} AND baseline_id = {baselineId:String}
       ORDER BY position`,
      { modelId, baselineId },
    );
  }

  /**
   * The active (newest) baseline id of every version of the given models, by
   * `JSON.stringify([modelId, modelVersion])`; versions without a baseline are absent.
   */
  async activeIds(modelIds: readonly string[]): Promise<Map<string, string>> {
    if (modelIds.length === 0) return new Map();
    const rows = await this.query<{ model_id: string; model_version: string; active_id: string }>(
      `SELECT model_id, model_version, argMax(baseline_id, (created_at, baseline_id)) AS active_id
       FROM ${this.store.table('baselines')} WHERE model_id IN {modelIds:Array(String)} GROUP BY model_id, model_version`,
      { modelIds },
    );
    return new Map(rows.map((r) => [JSON.stringify([r.model_id, r.model_version]), r.active_id]));
  }

  /** Baselines, newest first, optionally of one model; with `page`, `limit` of them from position `offset`. */
  async list(modelId?: string, page?: { limit: number; offset: number }): Promise<BaselineSummary[]> {
    const table = this.store.table('baselines');
    const rows = await this.query<{
      model_id: string;
      model_version: string;
      baseline_id: string;
      created_ms: unknown;
      rows: unknown;
      src: string;
      feature_count: unknown;
      active_id: string;
    }>(
      `SELECT b.model_id AS model_id, b.model_version AS model_version, b.baseline_id AS baseline_id,
              toUnixTimestamp64Milli(any(b.created_at)) AS created_ms, any(b.row_count) AS rows,
              any(b.source) AS src, uniqExact(b.feature) AS feature_count, any(a.active_id) AS active_id
       FROM ${table} AS b
       INNER JOIN (
         SELECT model_id, model_version, argMax(baseline_id, (created_at, baseline_id)) AS active_id
         FROM ${table} WHERE {modelId:String} = '' OR model_id = {modelId:String} GROUP BY model_id, model_version
       ) AS a ON a.model_id = b.model_id AND a.model_version = b.model_version
       WHERE {modelId:String} = '' OR b.model_id = {modelId:String}
       GROUP BY b.model_id, b.model_version, b.baseline_id
       ORDER BY created_ms DESC, baseline_id DESC
       ${page ? 'LIMIT {limit:UInt32} OFFSET {offset:UInt64}' : ''}`,
      { modelId: modelId ?? '', ...(page ?? {}) },
    );
    return rows.map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      baselineId: r.baseline_id,
      createdAt: toNumber(r.created_ms),
      rowCount: toNumber(r.rows),
      source: r.src,
      featureCount: toNumber(r.feature_count),
      active: r.baseline_id === r.active_id,
    }));
  }

  private async load(query: string, params: Record<string, unknown>): Promise<Baseline | null> {
    const rows = await this.query<BaselineRow>(query, params);
    if (rows.length === 0) return null;
    const first = rows[0];
    const performance = await this.performance(first.model_id, first.baseline_id);
    return {
      modelId: first.model_id,
      modelVersion: first.model_version,
      baselineId: first.baseline_id,
      createdAt: toNumber(first.created_ms),
      rowCount: toNumber(first.row_count),
      source: first.source,
      features: rows.map(toFeature),
      ...(performance === null ? {} : { performance }),
    };
  }

  private async performance(modelId: string, baselineId: string): Promise<PerformanceSnapshot | null> {
    const rows = await this.query<{ snapshot: string }>(
      `SELECT snapshot FROM ${this.store.table('baseline_performance')} FINAL
       WHERE model_id = {modelId:String} AND baseline_id = {baselineId:String}`,
      { modelId, baselineId },
    );
    // No row: a baseline saved before migration 0010, which had no performance either.
    const text = rows[0]?.snapshot ?? '';
    return text === '' ? null : (JSON.parse(text) as PerformanceSnapshot);
  }

  private async query<T>(query: string, query_params: Record<string, unknown>): Promise<T[]> {
    const result = await this.store.client.query({ query, query_params, format: 'JSONEachRow' });
    return result.json<T>();
  }
}

function toFeature(r: BaselineRow): BaselineFeature {
  return {
    name: r.feature,
    kind: r.kind as FeatureKind,
    edges: toNumbers(r.edges),
    binCounts: toNumbers(r.bin_counts),
    fineEdges: toNumbers(r.fine_edges),
    fineCounts: toNumbers(r.fine_counts),
    categories: toCountMap(r.categories),
    count: toNumber(r.count),
    missing: toNumber(r.missing),
    min: toNullableNumber(r.min),
    max: toNullableNumber(r.max),
    mean: toNullableNumber(r.mean),
    std: toNullableNumber(r.std),
    median: toNullableNumber(r.median),
    importance: toNullableNumber(r.importance),
  };
}

function validate(b: Baseline): void {
  const where = `baseline ${JSON.stringify(b.baselineId)} of ${JSON.stringify(b.modelId)}`;
  if (!b.modelId || !b.baselineId) throw new Error('A baseline needs a modelId and a baselineId');
  if (b.features.length === 0) throw new Error(`${where}: no features`);
  const names = new Set<string>();
  for (const f of b.features) {
    if (names.has(f.name)) throw new Error(`${where}: feature ${JSON.stringify(f.name)} appears twice`);
    names.add(f.name);
    if (!KINDS.includes(f.kind)) throw new Error(`${where}: feature ${JSON.stringify(f.name)} has unknown kind ${JSON.stringify(f.kind)}`);
    if (f.kind === 'numeric' && f.binCounts.length !== f.edges.length + 1) {
      throw new Error(
        `${where}: feature ${JSON.stringify(f.name)} has ${f.edges.length} edges but ${f.binCounts.length} bin counts (expected ${f.edges.length + 1})`,
      );
    }
  }
  if (b.performance !== undefined) {
    // JSON would turn NaN and Infinity into null silently: a metric that cannot be stored is a bug upstream.
    const bad = Object.entries(b.performance.metrics).find(([, v]) => v !== null && !Number.isFinite(v));
    if (bad !== undefined) throw new Error(`${where}: performance metric ${JSON.stringify(bad[0])} is ${bad[1]}, not a finite number or null`);
  }
}
