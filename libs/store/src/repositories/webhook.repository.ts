import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toNumber } from '../sql/number.util';
import type { StoredWebhookDestination } from './webhook.types';

interface DestinationRow {
  id: string;
  name: string;
  model_id: string | null;
  format: string;
  url: string;
  secret: string;
  routing_key: string | null;
  min_severity: string;
  enabled: unknown;
  created_ms: unknown;
  updated_ms: unknown;
}

/**
 * Webhook destinations (migration 0006). Every write is a new row with a higher revision; reads
 * take the newest row per id and skip deleted ones. The revision is the write time in ms, made
 * strictly increasing per process so two writes in the same millisecond still order.
 */
export class WebhookRepository {
  private lastRevision = 0;

  constructor(private readonly store: StoreClient) {}

  async save(destination: StoredWebhookDestination): Promise<void> {
    await this.write(destination, false);
  }

  /** True when the destination existed. */
  async delete(id: string): Promise<boolean> {
    const existing = await this.get(id);
    if (!existing) return false;
    await this.write({ ...existing, updatedAt: Date.now() }, true);
    return true;
  }

  async list(): Promise<StoredWebhookDestination[]> {
    return this.select('', {});
  }

  /** `limit` destinations from position `offset`, in the order of `list` (what the api pages). */
  async listPage(page: { limit: number; offset: number }): Promise<StoredWebhookDestination[]> {
    return this.select('', {}, page);
  }

  async get(id: string): Promise<StoredWebhookDestination | null> {
    const [row] = await this.select('WHERE id = {id:String}', { id });
    return row ?? null;
  }

  private async write(d: StoredWebhookDestination, deleted: boolean): Promise<void> {
    this.lastRevision = Math.max(Date.now(), this.lastRevision + 1);
    await this.store.client.insert({
      table: this.store.table('webhook_destinations'),
      format: 'JSONEachRow',
      values: [
        {
          id: d.id,
          name: d.name,
          model_id: d.modelId,
          format: d.format,
          url: d.url,
          secret: d.secret,
          routing_key: d.routingKey,
          min_severity: d.minSeverity,
          enabled: d.enabled ? 1 : 0,
          deleted: deleted ? 1 : 0,
          created_at: toDateTime64(d.createdAt),
          updated_at: toDateTime64(d.updatedAt),
          revision: this.lastRevision,
        },
      ],
    });
  }

  private async select(where: string, params: Record<string, string>, page?: { limit: number; offset: number }): Promise<StoredWebhookDestination[]> {
    const result = await this.store.client.query({
      query: `SELECT id, name, model_id, format, url, secret, routing_key, min_severity, enabled,
                     toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms
              FROM ${this.store.table('webhook_destinations')} FINAL
              ${where ? `${where} AND deleted = 0` : 'WHERE deleted = 0'}
              ORDER BY created_at, id
              ${page ? 'LIMIT {limit:UInt32} OFFSET {offset:UInt64}' : ''}`,
      query_params: page ? { ...params, limit: page.limit, offset: page.offset } : params,
      format: 'JSONEachRow',
    });
    return (await result.json<DestinationRow>()).map((r) => ({
      id: r.id,
      name: r.name,
      modelId: r.model_id,
      format: r.format as StoredWebhookDestination['format'],
      url: r.url,
      secret: r.secret,
      routingKey: r.routing_key,
      minSeverity: r.min_severity as StoredWebhookDestination['minSeverity'],
      enabled: toNumber(r.enabled) === 1,
      createdAt: toNumber(r.created_ms),
      updatedAt: toNumber(r.updated_ms),
    }));
  }
}
