import type { EvaluationMessage } from '@driftwatch/contracts';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import type { DriftResultPage, DriftResultQuery } from './drift-result.types';

const DEFAULT_LIMIT = 10_000;

/** Evaluations (migration 0005), one row per evaluation id; saving one again replaces it. */
export class DriftResultRepository {
  constructor(private readonly store: StoreClient) {}

  async save(evaluations: EvaluationMessage | readonly EvaluationMessage[]): Promise<void> {
    const list: readonly EvaluationMessage[] = isList(evaluations) ? evaluations : [evaluations];
    if (list.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('drift_results'),
      format: 'JSONEachRow',
      values: list.map((e) => ({
        model_id: e.modelId,
        model_version: e.modelVersion,
        granularity: e.granularity,
        window_start: toDateTime64(e.windowStart),
        window_end: toDateTime64(e.windowEnd),
        evaluation_id: e.evaluationId,
        evaluated_at: toDateTime64(e.evaluatedAt),
        baseline_id: e.baselineId ?? '',
        event_count: e.eventCount,
        judged: e.judged ? 1 : 0,
        drift_share: e.dataset.driftShare,
        dataset_drift: e.dataset.detected ? 1 : 0,
        finding_count: e.findings.length,
        critical_count: e.findings.filter((f) => f.severity === 'critical').length,
        evaluation: JSON.stringify(e),
      })),
    });
  }

  /** One evaluation by id, or null. */
  async get(modelId: string, evaluationId: string): Promise<EvaluationMessage | null> {
    const rows = await this.query(
      `SELECT evaluation FROM ${this.store.table('drift_results')} FINAL
       WHERE model_id = {modelId:String} AND evaluation_id = {evaluationId:String}`,
      { modelId, evaluationId },
    );
    return rows.length === 0 ? null : (JSON.parse(rows[0].evaluation) as EvaluationMessage);
  }

  /** A model's evaluations in a time range, oldest window first (the most recent `limit` of them, after skipping the `offset` most recent). */
  async list(query: DriftResultQuery): Promise<EvaluationMessage[]> {
    const params = pageParams(query);
    const rows = await this.query(
      `SELECT evaluation FROM (
         ${this.pageSql()})
       ORDER BY window_start, model_version, granularity, evaluation_id`,
      params,
    );
    return rows.map((r) => JSON.parse(r.evaluation) as EvaluationMessage);
  }

  /**
   * Like `list`, but the newest rows of the page only as far as their stored JSON adds up to at
   * most `maxBytes` (always the newest one): an evaluation lists every feature, so a page of
   * thousands of them can weigh gigabytes. The cut is made by ClickHouse (a running sum in the
   * page's order), so the rows past it never reach the caller.
   */
  async listWithin(query: DriftResultQuery, maxBytes: number): Promise<DriftResultPage> {
    const params = pageParams(query);
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
    const result = await this.store.client.query({
      query: `SELECT evaluation, selected FROM (
         SELECT evaluation, window_start, model_version, granularity, evaluation_id,
                row_number() OVER newest AS n, sum(length(evaluation)) OVER newest AS running, count() OVER () AS selected
         FROM (
           ${this.pageSql()})
         WINDOW newest AS (ORDER BY window_start DESC, model_version DESC, granularity DESC, evaluation_id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
       WHERE n = 1 OR running <= {maxBytes:UInt64}
       ORDER BY window_start, model_version, granularity, evaluation_id`,
      query_params: {
        ...params,
        maxBytes,
      },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ evaluation: string; selected: unknown }>();
    return { evaluations: rows.map((r) => JSON.parse(r.evaluation) as EvaluationMessage), selected: rows.length === 0 ? 0 : Number(rows[0].selected) };
  }

  /** The page of a DriftResultQuery, newest first: parameters of pageParams. */
  private pageSql(): string {
    return `SELECT evaluation, window_start, model_version, granularity, evaluation_id FROM ${this.store.table('drift_results')} FINAL
      WHERE model_id = {modelId:String}
        AND ({modelVersion:String} = '' OR model_version = {modelVersion:String})
        AND ({granularity:String} = '' OR granularity = {granularity:String})
        AND window_start >= {from:DateTime64(3, 'UTC')} AND window_start < {to:DateTime64(3, 'UTC')}
      ORDER BY window_start DESC, model_version DESC, granularity DESC, evaluation_id DESC
      LIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  }

  private async query(query: string, query_params: Record<string, unknown>): Promise<{ evaluation: string }[]> {
    const result = await this.store.client.query({ query, query_params, format: 'JSONEachRow' });
    return result.json<{ evaluation: string }>();
  }
}

function isList(value: EvaluationMessage | readonly EvaluationMessage[]): value is readonly EvaluationMessage[] {
  return Array.isArray(value);
}

function pageParams(query: DriftResultQuery): Record<string, unknown> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const offset = query.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  return {
    modelId: query.modelId,
    modelVersion: query.modelVersion ?? '',
    granularity: query.granularity ?? '',
    from: toDateTime64(query.from),
    to: toDateTime64(query.to),
    limit,
    offset,
  };
}
