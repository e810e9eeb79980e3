import type { ModelClock, WindowKey, WindowsSnapshot } from '@driftwatch/windowing';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { decodeOpenAfter, encodeOpenAfter } from '../sql/open-windows-diff.util';
import { toNullableNumber, toNumber } from '../sql/number.util';
import type { IngestFlushPlan } from './ingest-flush.types';

interface PlanRow {
  consumer_group: string;
  topic: string;
  partition: unknown;
  from_o: string;
  to_o: string;
  mx_before: unknown;
  mx_after: unknown;
  open_before: string;
  open_after: string;
  clocks_before: string;
  clocks_after: string;
  planned_ms: unknown;
  log_epoch: unknown;
}

const DECIMAL = /^\d+$/;

/** The aggregator's flush plans (migration 0003). */
export class FlushPlanRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * Records a plan. `dedupToken` must be the one of the data the plan covers, so a replayed
   * plan is dropped like the replayed data.
   */
  async record(plan: IngestFlushPlan, dedupToken: string): Promise<void> {
    if (!dedupToken) throw new Error('FlushPlanRepository.record needs a non-empty dedupToken');
    if (!DECIMAL.test(plan.fromOffset) || !DECIMAL.test(plan.toOffset) || BigInt(plan.fromOffset) > BigInt(plan.toOffset)) {
      throw new RangeError(`flush plan offsets must be decimal with from <= to, got ${plan.fromOffset}..${plan.toOffset}`);
    }
    await this.store.client.insert({
      table: this.store.table('ingest_flushes'),
      format: 'JSONEachRow',
      values: [
        {
          consumer_group: plan.consumerGroup,
          topic: plan.topic,
          partition: plan.partition,
          from_offset: plan.fromOffset,
          to_offset: plan.toOffset,
          max_event_time_before: plan.before.maxEventTime,
          max_event_time_after: plan.after.maxEventTime,
          open_windows_before: JSON.stringify(plan.before.open),
          open_windows_after: encodeOpenAfter(plan.before.open, plan.after.open),
          model_clocks_before: plan.before.models ? JSON.stringify(plan.before.models) : '',
          model_clocks_after: plan.after.models ? JSON.stringify(plan.after.models) : '',
          planned_at: toDateTime64(plan.plannedAt),
          log_epoch: plan.logEpoch ?? 0,
        },
      ],
      clickhouse_settings: { insert_deduplication_token: dedupToken },
    });
  }

  /**
   * The partition's last plan, or null when none was recorded (or all expired): the plan that
   * starts furthest on, the newest by `planned_at` among plans starting at the same offset,
   * then the one reaching furthest.
   *
   * A partition's plans form a chain of contiguous ranges, each starting at the previous one's
   * `to + 1`, so along the chain `from` and `to` rise together. The exception is a plan given
   * up by a member that lost the partition (apps/aggregator/README.md, "Zombie writers"): it starts where
   * the new owner started, at the last committed offset, with a boundary of its own that may
   * reach past the new owner's plans. Ordering by `to` would take it for the last plan until
   * the new owner's offsets pass it; ordering by `from` ranks it no higher than the new owner's
   * first plan, and every later plan of the new owner above it. Against that first plan alone
   * the planning time decides: the given-up plan was planned before its member began to rejoin
   * the group, the new owner's after it was assigned the partition. Plans of one chain never
   * share a `from` except a range recorded again (or a replay cut short), newest first here too.
   * Above all, a plan of a newer log epoch (the topic was recreated, its offsets start again)
   * comes before every plan of the old log, however far those reached.
   */
  async last(consumerGroup: string, topic: string, partition: number): Promise<IngestFlushPlan | null> {
    const result = await this.store.client.query({
      query: `SELECT consumer_group, topic, partition, toString(from_offset) AS from_o, toString(to_offset) AS to_o,
                     max_event_time_before AS mx_before, max_event_time_after AS mx_after,
                     open_windows_before AS open_before, open_windows_after AS open_after,
                     model_clocks_before AS clocks_before, model_clocks_after AS clocks_after,
                     toUnixTimestamp64Milli(planned_at) AS planned_ms, log_epoch
              FROM ${this.store.table('ingest_flushes')}
              WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32}
              ORDER BY log_epoch DESC, from_offset DESC, planned_at DESC, to_offset DESC
              LIMIT 1`,
      query_params: { group: consumerGroup, topic, partition },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<PlanRow>();
    if (!row) return null;
    const before = state(row.mx_before, JSON.parse(row.open_before) as WindowKey[], row.clocks_before);
    return {
      consumerGroup: row.consumer_group,
      topic: row.topic,
      partition: toNumber(row.partition),
      fromOffset: row.from_o,
      toOffset: row.to_o,
      before,
      after: state(row.mx_after, decodeOpenAfter(before.open, row.open_after), row.clocks_after),
      plannedAt: toNumber(row.planned_ms),
      logEpoch: toNumber(row.log_epoch),
    };
  }
}

/** '' for clocks: a plan stored before clocks were per model (the snapshot then has no `models`). */
function state(maxEventTime: unknown, open: WindowKey[], clocks: string): WindowsSnapshot {
  const snapshot: WindowsSnapshot = { maxEventTime: toNullableNumber(maxEventTime), open };
  if (clocks !== '') snapshot.models = JSON.parse(clocks) as ModelClock[];
  return snapshot;
}
