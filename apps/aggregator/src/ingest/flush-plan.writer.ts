/*
 * Exactly-once ingestion without transactions.
 *
 * Kafka offsets and ClickHouse rows cannot be committed atomically, so the aggregator makes
 * every write idempotent instead and commits offsets only after the data is durable:
 *
 *   1. A partition's state is flushed as one unit covering a contiguous offset range
 *      `from..to` (every message of the range: events, dead-lettered ones, skipped ones).
 *   2. FIRST a plan row (group, topic, partition, from, to, and the window state before and
 *      after the range) goes to `ingest_flushes`; then the histogram deltas, the value kinds
 *      and the samples, each insert with a deduplication token derived from
 *      (group, topic, partition, from, to): ClickHouse drops an insert whose token it has seen.
 *   3. Then the close messages of the windows that closed are published (totals read back from
 *      the store), and only then `to + 1` is committed to Kafka.
 *
 * A crash (kill -9) at any point leaves the committed offset at some earlier plan's `to + 1`
 * and the data of the last plan written in full, in part or not at all. When the partition is
 * assigned again, the consumer reads the LAST plan P of that partition (the one starting at the
 * highest offset; IngestFlushRepository.last, and see zombie writers below):
 *   - messages below P.from are skipped: plans are written one after the other per partition,
 *     so everything before P.from belongs to earlier plans, all fully written (a plan is only
 *     started once the previous one's writes returned);
 *   - the replay of P.from..P.to restores the window state saved in P as "before" and forces
 *     the next flush boundary at exactly P.to. It therefore produces the same ranges and the
 *     same tokens, and ClickHouse drops every insert of P that already happened while the
 *     missing ones are written now. Without the forced boundary, a replay would cut the
 *     stream at different offsets (batches differ after a restart), and a token would no
 *     longer map one-to-one to its content: double counting or loss;
 *   - if P was committed, the first message is past P.to and the state saved as "after" is
 *     restored, so windows open at the crash still close and late events still count as late.
 * Dead-letter publishing happens before a range's plan is written, so messages of a replayed
 * range are not dead-lettered a second time. Whether a message is dead-lettered must not change
 * on replay either: the far-future check (future-timestamp.ts) takes as "now" the record's Kafka
 * timestamp, not the wall clock of the run, unless the producer's clock runs ahead of ours.
 * Close messages may be published twice (after a crash between publishing and committing): they carry totals, not deltas, so that is harmless;
 * publishing them before the commit means a crash never loses one.
 *
 * Zombie writers (an instance that lost its partition in a rebalance but is still finishing a
 * flush) are kept out as follows. A flush inside a consumer batch cannot overlap a rebalance:
 * kafkajs rejoins only after the batch handler returned. A timed flush (between batches) can:
 * kafkajs rejoins without waiting for it, and the new owner may read the partition's last plan
 * before the old owner's plan for `from..to` is in the store. The new owner then starts live at
 * `from` with ranges of its own, and the old owner's deltas under its own tokens would count
 * `from..to` a second time. So a flush is only started while this member still owns the
 * partition (same generation, no rejoin started: rebalance-watch.ts), and once its plan is
 * written it checks again and gives up (PartitionMovedError) if a rejoin started meanwhile. If
 * none did, this member had not sent its JoinGroup when the plan was stored, so no other member
 * could have the partition yet and the new owner will find this plan and replay it with the same
 * tokens. A plan given up after the new owner had already read the older one stays in the table
 * with no data under its token: it starts at the committed offset, where the new owner's first
 * plan starts too, but its boundary is its own and may lie past the new owner's plans. Were the
 * "last plan" the one reaching furthest, a second failure before the new owner's offsets passed
 * it would replay under its boundary and its stale "before" state instead of the new owner's.
 * So the last plan is the one starting furthest on: every later plan of the new owner starts
 * past the given-up one, and against the new owner's first plan (same start) the newer
 * `planned_at` wins, because the given-up plan was planned before its member began to rejoin
 * and the new owner's after its assignment. (ingest_flushes is keyed on both ends of a
 * range, so a merge never collapses the given-up plan with a later one of the new owner.)
 * Not covered: clocks of two members further apart than that rebalance took (only while the
 * new owner has written a single plan), and a member expelled for missing its session or
 * rebalance timeout while a flush is running (keep those timeouts above the longest flush).
 * Commits of an old generation are refused. ClickHouse keeps the last 10,000 tokens per
 * table (migration 0001), far more than the one range a replay can repeat.
 */
import type { WindowClosedMessage } from '@driftwatch/contracts';
import { encodeWindowClosed } from '@driftwatch/contracts';
import { TransientError, type RecordSender } from '@driftwatch/kafka';
import {
  dedupToken,
  type EventSample,
  type FeatureKindDelta,
  type FeatureKindRepository,
  type IngestFlushRepository,
  type Store,
  type WindowDelta as StoreWindowDelta,
  type WindowFeatureDelta,
} from '@driftwatch/store';
import type { PartitionFlush, WindowKey } from '@driftwatch/windowing';
import type { AggregatorMetrics } from '../aggregator.metrics';
import type { FlushStage, FlushStageInfo } from '../aggregator.options';
import type { FeatureAccumulator } from './feature-accumulator';

export interface FlushTarget {
  group: string;
  topic: string;
  partition: number;
  generation: number;
  /** False once this member may have lost the partition (a rejoin started or a new generation began). */
  stillOwner(): boolean;
}

/** The partition may have moved to another member while the flush plan was written: the flush is given up. */
export class PartitionMovedError extends TransientError {
  constructor(target: FlushTarget, from: string, to: string) {
    super(
      `partition ${target.topic}/${target.partition}: the group started rebalancing while the flush plan for offsets ${from}..${to} was written; ` +
        'the flush is given up; the next owner of the partition replays or supersedes it',
    );
    this.name = 'PartitionMovedError';
  }
}

export interface FlushWriterDeps {
  store: Pick<Store, 'windows' | 'samples'>;
  plans: IngestFlushRepository;
  kinds: FeatureKindRepository;
  sender: RecordSender;
  windowsTopic: string;
  commit(target: FlushTarget, durableThrough: string): Promise<boolean>;
  metrics: AggregatorMetrics;
  onStage?: (stage: FlushStage, info: FlushStageInfo) => void | Promise<void>;
  now?: () => number;
}

const windowId = (k: WindowKey) => `${k.modelId}\u0000${k.modelVersion}\u0000${k.start}`;

/** Writes one partition flush in the order described above. */
export class FlushWriter {
  private flushes = 0;
  private readonly now: () => number;

  constructor(private readonly deps: FlushWriterDeps) {
    this.now = deps.now ?? Date.now;
  }

  async write(target: FlushTarget, flush: PartitionFlush<FeatureAccumulator>): Promise<void> {
    const started = process.hrtime.bigint();
    const info: FlushStageInfo = {
      partition: target.partition,
      fromOffset: flush.offsets?.from ?? null,
      toOffset: flush.offsets?.to ?? null,
      flushNumber: ++this.flushes,
    };
    const now = this.now();
    const closing = new Map(flush.closed.filter((c) => c.reason !== 'late-update').map((c) => [windowId(c.key), c.key]));

    if (flush.offsets) {
      const { from, to } = flush.offsets;
      const token = dedupToken(target.group, target.topic, target.partition, from, to);
      await this.deps.plans.record(
        {
          consumerGroup: target.group,
          topic: target.topic,
          partition: target.partition,
          fromOffset: from,
          toOffset: to,
          before: flush.before,
          after: flush.after,
          plannedAt: now,
        },
        token,
      );
      if (!target.stillOwner()) throw new PartitionMovedError(target, from, to);
      await this.stage('planned', info);

      const windows: StoreWindowDelta[] = [];
      const features: WindowFeatureDelta[] = [];
      const kinds: FeatureKindDelta[] = [];
      const samples: EventSample[] = [];
      for (const d of flush.deltas) {
        const id = windowId(d.key);
        windows.push({
          ...windowBounds(d.key),
          eventCount: d.events,
          lateCount: d.late,
          firstEventTime: d.minEventTime,
          lastEventTime: d.maxEventTime,
          closedAt: closing.has(id) ? now : null,
        });
        closing.delete(id);
        const rows = d.accumulator.toDeltas(d.key);
        features.push(...rows.features);
        kinds.push(...rows.kinds);
        samples.push(...d.accumulator.samples);
      }
      windows.push(...[...closing.values()].map((key) => closeRow(key, now)));
      await this.deps.store.windows.insertDeltas({ windows, features }, token);
      await this.deps.kinds.insert(kinds, dedupToken(token, 'kinds'));
      await this.stage('deltas-written', info);
      await this.deps.store.samples.insert(samples, dedupToken(token, 'samples'));
      await this.stage('samples-written', info);
    } else if (closing.size > 0) {
      // Only closes (a quiet partition): no offsets to name the write after, so the closed
      // windows do. Writing the same closes again keeps the first close time (min over rows).
      const keys = [...closing.values()];
      const token = dedupToken(target.group, target.topic, target.partition, 'closes', ...keys.map(windowId));
      await this.deps.store.windows.insertDeltas({ windows: keys.map((key) => closeRow(key, now)), features: [] }, token);
    }

    await this.publishCloses(flush.closed, now);
    await this.stage('published', info);
    if (flush.offsets) {
      await this.deps.commit(target, flush.offsets.to);
      await this.stage('committed', info);
    }
    this.deps.metrics.flushes.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }

  private async publishCloses(closed: PartitionFlush<FeatureAccumulator>['closed'], now: number): Promise<void> {
    if (closed.length === 0) return;
    const records = [];
    for (const { key, reason } of closed) {
      const totals = await this.deps.store.windows.window(key.modelId, key.modelVersion, key.start);
      if (!totals) continue;
      const message: WindowClosedMessage = {
        schemaVersion: 1,
        modelId: key.modelId,
        modelVersion: key.modelVersion,
        windowStart: key.start,
        windowEnd: key.end,
        eventCount: totals.eventCount,
        lateCount: totals.lateCount,
        closedAt: now,
        reason,
      };
      // Keyed by model so the closes of one model stay in order for the evaluator.
      records.push({ key: key.modelId, value: encodeWindowClosed(message) });
      this.deps.metrics.windowsClosed.inc({ reason });
    }
    await this.deps.sender.send(this.deps.windowsTopic, records);
  }

  private async stage(stage: FlushStage, info: FlushStageInfo): Promise<void> {
    await this.deps.onStage?.(stage, info);
  }
}

function windowBounds(key: WindowKey) {
  return { modelId: key.modelId, modelVersion: key.modelVersion, windowStart: key.start, windowEnd: key.end };
}

/** A row that adds nothing but the close time of a window. */
function closeRow(key: WindowKey, now: number): StoreWindowDelta {
  return { ...windowBounds(key), eventCount: 0, lateCount: 0, firstEventTime: null, lastEventTime: null, closedAt: now };
}
