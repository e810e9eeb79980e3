import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { decodeLabelValue, encodeLabelValue } from '../sql/label-value.util';
import { toNumber } from '../sql/number.util';
import type { LabelRepositoryOptions, LabelToSave, StoredLabel } from './label.types';

interface LabelRow {
  model_id: string;
  event_id: string;
  label_kind: string;
  label_value: string;
  label_ms: unknown;
  received_ms: unknown;
}

const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 90;

/**
 * Ground-truth labels (migration 0008). When a label arrives twice for one (model, event), the
 * one with the latest label timestamp wins, and on equal timestamps the one stored last: a
 * correction is sent as a newer label, and a producer re-sending the same label changes
 * nothing. The table is a ReplacingMergeTree versioned by the label timestamp (the engine
 * keeps the last inserted row among equal versions) and every read uses FINAL, so the rule
 * holds before merges.
 */
export class LabelRepository {
  private readonly retentionMs: number;

  constructor(
    private readonly store: StoreClient,
    options: LabelRepositoryOptions = {},
  ) {
    this.retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
  }

  /**
   * Stores labels in one insert. `dedupToken` (deterministic per batch, e.g. from the Kafka
   * offsets it covers) makes a repeated write of the same batch a no-op. Within the call,
   * duplicates of one (model, event) are collapsed by the same rule as the table's (latest
   * label timestamp, then the later one in `labels`), so the outcome never depends on the order
   * of rows inside an insert block.
   */
  async save(labels: readonly LabelToSave[], dedupToken?: string): Promise<void> {
    if (labels.length === 0) return;
    const now = Date.now();
    const winners = new Map<string, LabelToSave>();
    for (const l of labels) {
      const key = `${l.modelId}\u0000${l.eventId}`;
      const held = winners.get(key);
      if (!held || l.timestamp >= held.timestamp) winners.set(key, l);
    }
    await this.store.client.insert({
      table: this.store.table('labels'),
      format: 'JSONEachRow',
      values: [...winners.values()].map((l) => {
        const receivedAt = l.receivedAt ?? now;
        const stored = encodeLabelValue(l.label);
        return {
          model_id: l.modelId,
          event_id: l.eventId,
          label_kind: stored.kind,
          label_value: stored.value,
          label_time: toDateTime64(l.timestamp),
          received_at: toDateTime64(receivedAt),
          expires_at: Math.floor((receivedAt + this.retentionMs) / 1000),
        };
      }),
      ...(dedupToken ? { clickhouse_settings: { insert_deduplication_token: dedupToken } } : {}),
    });
  }

  /** The winning label of each of these events that has one (events without a label are left out). */
  async byEventIds(modelId: string, eventIds: readonly string[]): Promise<StoredLabel[]> {
    if (eventIds.length === 0) return [];
    const rows = await (
      await this.store.client.query({
        query: `SELECT model_id, event_id, label_kind, label_value,
                       toUnixTimestamp64Milli(label_time) AS label_ms, toUnixTimestamp64Milli(received_at) AS received_ms
                FROM ${this.store.table('labels')} FINAL
                WHERE model_id = {modelId:String} AND event_id IN {eventIds:Array(String)}
                ORDER BY event_id`,
        query_params: { modelId, eventIds: [...new Set(eventIds)] },
        format: 'JSONEachRow',
      })
    ).json<LabelRow>();
    return rows.map((r) => ({
      modelId: r.model_id,
      eventId: r.event_id,
      label: decodeLabelValue(r.label_kind, r.label_value),
      labelTime: toNumber(r.label_ms),
      receivedAt: toNumber(r.received_ms),
    }));
  }

  /** Events of the model that have a label. */
  async count(modelId: string): Promise<number> {
    const [row] = await (
      await this.store.client.query({
        query: `SELECT count() AS n FROM ${this.store.table('labels')} FINAL WHERE model_id = {modelId:String}`,
        query_params: { modelId },
        format: 'JSONEachRow',
      })
    ).json<{ n: unknown }>();
    return toNumber(row?.n ?? 0);
  }
}
