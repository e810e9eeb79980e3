import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toNumber } from '../sql/number.util';
import type { StoredPolicy } from './policy.types';

interface PolicyRow {
  model_id: string;
  updated_ms: unknown;
  doc: string;
}

/** Model policies (migration 0004): one row per change, the newest is current. */
export class PolicyRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * Stores a new version of a model's policy. `updatedAt` is moved 1 ms past the current
   * version when it is not later, so the version written last is always the one read back.
   */
  async put(modelId: string, policy: Record<string, unknown>, updatedAt = Date.now()): Promise<StoredPolicy> {
    if (!modelId) throw new Error('PolicyRepository.put needs a modelId');
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new TypeError('a policy must be a JSON object');
    const current = await this.get(modelId);
    const at = current && current.updatedAt >= updatedAt ? current.updatedAt + 1 : updatedAt;
    await this.store.client.insert({
      table: this.store.table('policies'),
      format: 'JSONEachRow',
      values: [{ model_id: modelId, updated_at: toDateTime64(at), policy: JSON.stringify(policy) }],
    });
    return { modelId, policy, updatedAt: at };
  }

  /** The current policy of a model, or null when it never had one (the defaults apply). */
  async get(modelId: string): Promise<StoredPolicy | null> {
    const rows = await this.query(
      `SELECT model_id, toUnixTimestamp64Milli(max(updated_at)) AS updated_ms, argMax(policy, updated_at) AS doc
       FROM ${this.store.table('policies')} WHERE model_id = {modelId:String} GROUP BY model_id`,
      { modelId },
    );
    return rows.length === 0 ? null : toStored(rows[0]);
  }

  /** Every version of a model's policy, newest first. */
  async history(modelId: string, limit = 100): Promise<StoredPolicy[]> {
    const rows = await this.query(
      `SELECT model_id, toUnixTimestamp64Milli(updated_at) AS updated_ms, policy AS doc
       FROM ${this.store.table('policies')} WHERE model_id = {modelId:String}
       ORDER BY updated_at DESC LIMIT {limit:UInt32}`,
      { modelId, limit },
    );
    return rows.map(toStored);
  }

  /** The current policy of every model that has one, by model id. */
  async list(): Promise<StoredPolicy[]> {
    const rows = await this.query(
      `SELECT model_id, toUnixTimestamp64Milli(max(updated_at)) AS updated_ms, argMax(policy, updated_at) AS doc
       FROM ${this.store.table('policies')} GROUP BY model_id ORDER BY model_id`,
      {},
    );
    return rows.map(toStored);
  }

  private async query(query: string, query_params: Record<string, unknown>): Promise<PolicyRow[]> {
    const result = await this.store.client.query({ query, query_params, format: 'JSONEachRow' });
    return result.json<PolicyRow>();
  }
}

function toStored(r: PolicyRow): StoredPolicy {
  return { modelId: r.model_id, policy: JSON.parse(r.doc) as Record<string, unknown>, updatedAt: toNumber(r.updated_ms) };
}
