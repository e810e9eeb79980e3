// Writes one partition flush with the exactly-once protocol: plan row first, then deduplicated
// deltas, closes, commit. Why this order is exactly once, replays and zombie writers included:
// "The exactly-once flush protocol" in apps/aggregator/README.md.
import type { WindowClosedMessage } from '@driftwatch/contracts';
import { encodeWindowClosed } from '@driftwatch/contracts';
import type { FeatureAccumulator } from '@driftwatch/ingest';
import { TransientError, type RecordSender } from '@driftwatch/kafka';
import {
  dedupToken,
  type EventSample,
  type FeatureKindDelta,
  type FeatureKindRepository,
  type FlushPlanRepository,
  type PredictionRow,
  type Store,
  type WindowDelta as StoreWindowDelta,
  type WindowFeatureDelta,
} from '@driftwatch/store';
import { windowId, type PartitionFlush, type WindowKey } from '@driftwatch/windowing';
import type { AggregatorMetrics } from '../aggregator.metrics';
import type { FlushStage, FlushStageInfo } from '../aggregator.options';

export interface FlushTarget {
  group: string;
  topic: string;
  partition: number;
  generation: number;
  /** The partition's log epoch (PartitionIngest.logEpoch): 0 until the topic was found recreated. */
  logEpoch: number;
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
  store: Pick<Store, 'windows' | 'samples' | 'predictions'>;
  plans: FlushPlanRepository;
  kinds: FeatureKindRepository;
  sender: RecordSender;
  windowsTopic: string;
  /** Stored predictions expire this many days after their event time. */
  predictionRetentionDays: number;
  commit(target: FlushTarget, durableThrough: string): Promise<boolean>;
  metrics: AggregatorMetrics;
  onStage?: (stage: FlushStage, info: FlushStageInfo) => void | Promise<void>;
  now?: () => number;
}

/** Writes one partition flush in the order of the protocol (apps/aggregator/README.md). */
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
      // Epoch 0 keeps the tokens plans had before epochs existed, so their replays still match.
      const token =
        target.logEpoch === 0
          ? dedupToken(target.group, target.topic, target.partition, from, to)
          : dedupToken(target.group, target.topic, target.partition, `log-epoch-${target.logEpoch}`, from, to);
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
          logEpoch: target.logEpoch,
        },
        token,
      );
      if (!target.stillOwner()) throw new PartitionMovedError(target, from, to);
      await this.stage('planned', info);

      const windows: StoreWindowDelta[] = [];
      const features: WindowFeatureDelta[] = [];
      const kinds: FeatureKindDelta[] = [];
      const samples: EventSample[] = [];
      const predictions: PredictionRow[] = [];
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
        predictions.push(...d.accumulator.predictions);
      }
      windows.push(...[...closing.values()].map((key) => closeRow(key, now)));
      await this.deps.store.windows.insertDeltas({ windows, features }, token);
      await this.deps.kinds.insert(kinds, dedupToken(token, 'kinds'));
      await this.stage('deltas-written', info);
      await this.deps.store.samples.insert(samples, dedupToken(token, 'samples'));
      // Same range, same rows on a replay (the accumulators are rebuilt from the same offsets):
      // a repeated insert is dropped by its token.
      await this.deps.store.predictions.insert(predictions, dedupToken(token, 'predictions'), this.deps.predictionRetentionDays);
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
