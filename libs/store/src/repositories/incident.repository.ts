import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toNullableNumber, toNumber } from '../sql/number.util';
import type { IncidentQuery, OpenIncidentCount, StoredIncident, StoredIncidentState } from './incident.types';

interface IncidentRow {
  incident_id: string;
  model_id: string;
  model_version: string;
  granularity: string;
  kind: string;
  feature: string | null;
  severity: string;
  status: string;
  opened_ms: unknown;
  updated_ms: unknown;
  resolved_ms: unknown;
  start_ms: unknown;
  end_ms: unknown;
  bad_windows: unknown;
  evidence: string;
  last_event_type: string;
  revision: unknown;
}

const COLUMNS = `incident_id, model_id, model_version, granularity, kind, feature, severity, status,
  toUnixTimestamp64Milli(opened_at) AS opened_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms,
  toUnixTimestamp64Milli(resolved_at) AS resolved_ms, toUnixTimestamp64Milli(window_start) AS start_ms,
  toUnixTimestamp64Milli(window_end) AS end_ms, bad_windows, evidence, last_event_type, revision`;

const MAX_LIMIT = 1000;

/** The alerter's incidents and state-machine snapshots (migration 0006). */
export class IncidentRepository {
  constructor(private readonly store: StoreClient) {}

  /** Writes state snapshots; a snapshot written again with the same revision collapses into one. */
  async saveStates(states: readonly StoredIncidentState[]): Promise<void> {
    if (states.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('incident_states'),
      format: 'JSONEachRow',
      values: states.map((s) => ({
        model_id: s.modelId,
        model_version: s.modelVersion,
        granularity: s.granularity,
        revision: s.revision,
        state: JSON.stringify(s.state),
      })),
    });
  }

  /**
   * The newest snapshot of every version of a model at a granularity (by version), empty when the
   * alerter never saw the model. A snapshot stored before states were per version comes back
   * with modelVersion '' (LEGACY_STATE_VERSION).
   */
  async loadStates(modelId: string, granularity: 'window' | 'rollup'): Promise<StoredIncidentState[]> {
    const result = await this.store.client.query({
      query: `SELECT model_version, revision, state FROM ${this.store.table('incident_states')}
              WHERE model_id = {model:String} AND granularity = {granularity:String}
              ORDER BY model_version, revision DESC LIMIT 1 BY model_version`,
      query_params: { model: modelId, granularity },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ model_version: string; revision: unknown; state: string }>();
    return rows.map((row) => ({ modelId, modelVersion: row.model_version, granularity, revision: toNumber(row.revision), state: JSON.parse(row.state) }));
  }

  async saveIncidents(incidents: readonly StoredIncident[]): Promise<void> {
    if (incidents.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('incidents'),
      format: 'JSONEachRow',
      values: incidents.map((i) => ({
        incident_id: i.incidentId,
        model_id: i.modelId,
        model_version: i.modelVersion,
        granularity: i.granularity,
        kind: i.kind,
        feature: i.feature,
        severity: i.severity,
        status: i.status,
        opened_at: toDateTime64(i.openedAt),
        updated_at: toDateTime64(i.updatedAt),
        resolved_at: i.resolvedAt === null ? null : toDateTime64(i.resolvedAt),
        window_start: toDateTime64(i.windowStart),
        window_end: toDateTime64(i.windowEnd),
        bad_windows: i.badWindows,
        evidence: JSON.stringify(i.evidence),
        last_event_type: i.lastEventType,
        revision: i.revision,
      })),
    });
  }

  /** Newest first (by last update), or by impact (IncidentQuery.sort); the latest revision of each incident. */
  async list(query: IncidentQuery = {}): Promise<StoredIncident[]> {
    // One over the largest page: a caller asks for one more to tell whether another page exists.
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 100)), MAX_LIMIT + 1);
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const where: string[] = [];
    if (query.modelId !== undefined) where.push('model_id = {model:String}');
    if (query.modelVersion !== undefined) where.push('model_version = {version:String}');
    if (query.status !== undefined) where.push('status = {status:String}');
    const result = await this.store.client.query({
      query: `SELECT ${COLUMNS} FROM ${this.store.table('incidents')} FINAL
              ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
              ORDER BY ${query.sort === 'impact' ? `JSONExtract(evidence, 'details', 'impact', 'Nullable(Float64)') DESC NULLS LAST, ` : ''}updated_at DESC, incident_id
              LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
      query_params: { model: query.modelId ?? '', version: query.modelVersion ?? '', status: query.status ?? '', limit, offset },
      format: 'JSONEachRow',
    });
    return (await result.json<IncidentRow>()).map(fromRow);
  }

  async get(incidentId: string): Promise<StoredIncident | null> {
    const result = await this.store.client.query({
      query: `SELECT ${COLUMNS} FROM ${this.store.table('incidents')} FINAL WHERE incident_id = {id:String} LIMIT 1`,
      query_params: { id: incidentId },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<IncidentRow>();
    return row ? fromRow(row) : null;
  }

  /** Open incidents per (model, version, kind, severity): the driftwatch_incidents_open gauge. */
  async countOpen(): Promise<OpenIncidentCount[]> {
    const result = await this.store.client.query({
      query: `SELECT model_id, model_version, kind, severity, count() AS n FROM ${this.store.table('incidents')} FINAL
              WHERE status = 'open' GROUP BY model_id, model_version, kind, severity ORDER BY model_id, model_version, kind, severity`,
      format: 'JSONEachRow',
    });
    return (await result.json<{ model_id: string; model_version: string; kind: string; severity: string; n: unknown }>()).map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      kind: r.kind as OpenIncidentCount['kind'],
      severity: r.severity as OpenIncidentCount['severity'],
      count: toNumber(r.n),
    }));
  }
}

function fromRow(r: IncidentRow): StoredIncident {
  return {
    incidentId: r.incident_id,
    modelId: r.model_id,
    modelVersion: r.model_version,
    granularity: r.granularity as StoredIncident['granularity'],
    kind: r.kind as StoredIncident['kind'],
    feature: r.feature,
    severity: r.severity as StoredIncident['severity'],
    status: r.status as StoredIncident['status'],
    openedAt: toNumber(r.opened_ms),
    updatedAt: toNumber(r.updated_ms),
    resolvedAt: toNullableNumber(r.resolved_ms),
    windowStart: toNumber(r.start_ms),
    windowEnd: toNumber(r.end_ms),
    badWindows: toNumber(r.bad_windows),
    evidence: JSON.parse(r.evidence),
    lastEventType: r.last_event_type as StoredIncident['lastEventType'],
    revision: toNumber(r.revision),
  };
}
