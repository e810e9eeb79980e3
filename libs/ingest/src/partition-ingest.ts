import { PartitionWindows, windowId, type PartitionWindowsOptions, type WindowKey, type WindowsSnapshot } from '@driftwatch/windowing';
import type { FeatureAccumulator } from './feature-accumulator';

/**
 * What a partition needs of the last flush plan written for it (the store's IngestFlushPlan has
 * these fields and more): the offsets it covered and the window state before and after it.
 */
export interface ReplayPlan {
  /** Kafka offsets as decimal strings, both inclusive. */
  readonly fromOffset: string;
  readonly toOffset: string;
  readonly before: WindowsSnapshot;
  readonly after: WindowsSnapshot;
}

type Phase = 'awaiting-first' | 'replaying' | 'live';

/** How the consumer treats the next message of a partition (the flush protocol: apps/aggregator/README.md). */
export type Admission =
  /** Already written by an earlier plan: ignore it (it is committed with the next flush). */
  | 'skip'
  /**
   * The offset is not after one this state already took: the partition's log was replaced
   * under the consumer (topic recreated, broker data wiped), and the consumer went back to the
   * start of the new log. The caller starts a fresh state (without the plan) for this message.
   */
  | 'regressed'
  /** The replayed range ended before this message: flush it first, then route this message. */
  | 'flush-first'
  | 'route';

/**
 * The state of one assigned partition for one consumer generation: its windows, and the
 * replay of the last flush plan when a previous run did not commit it.
 */
export class PartitionIngest {
  readonly windows: PartitionWindows<FeatureAccumulator>;
  /** Set when a flush failed after its deltas were taken: the consumer must start over from the last commit. */
  failed = false;
  /** The rebalance epoch of the assignment this state belongs to (the aggregator's rebalance-watch.ts). */
  epoch = 0;
  /**
   * How many times this partition's log was found replaced (topic recreated): recorded with
   * every plan and part of its deduplication token, so the new log's offsets, which repeat the
   * old ones, are never mistaken for writes already done.
   */
  logEpoch = 0;
  private phase: Phase;
  private highest: bigint | null = null;
  private readonly replayFrom: bigint;
  private readonly replayTo: bigint;
  private readonly sampled = new Map<string, number>();
  /** Unknown feature names given a row of their own, per window (bounded by takeUnknownFeature's limit). */
  private readonly unknownNames = new Map<string, Set<string>>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly generation: number,
    private readonly plan: ReplayPlan | null,
    options: PartitionWindowsOptions<FeatureAccumulator>,
    nowMs: number,
  ) {
    this.windows = new PartitionWindows(partition, options);
    this.replayFrom = plan ? BigInt(plan.fromOffset) : -1n;
    this.replayTo = plan ? BigInt(plan.toOffset) : -1n;
    // Until the first message shows whether the plan was committed, assume it was: with no
    // message at all the consumer is at the end, i.e. past the plan.
    if (plan) this.windows.restore(plan.after, nowMs);
    this.phase = plan ? 'awaiting-first' : 'live';
  }

  /** True while the replayed range is incomplete: no flush may cut it anywhere but at its end. */
  get replaying(): boolean {
    return this.phase === 'replaying';
  }

  admit(offset: bigint, nowMs: number): Admission {
    // Within one generation kafkajs delivers a partition's offsets in increasing order; only a
    // log replaced underneath (and kafkajs' reset to its start on OFFSET_OUT_OF_RANGE) goes back.
    if (this.highest !== null && offset <= this.highest) return 'regressed';
    this.highest = offset;
    if (this.phase === 'awaiting-first') {
      if (this.plan && offset <= this.replayTo) {
        this.windows.restore(this.plan.before, nowMs);
        this.phase = 'replaying';
      } else {
        this.phase = 'live';
      }
    }
    if (this.phase !== 'replaying') return 'route';
    if (offset < this.replayFrom) return 'skip';
    if (offset > this.replayTo) return 'flush-first';
    return 'route';
  }

  /** True when `offset` ends the replayed range: flush now, at exactly the plan's boundary. */
  endsReplay(offset: bigint): boolean {
    return this.phase === 'replaying' && offset === this.replayTo;
  }

  /** Whether this offset was already handled (dead-lettered) by the run that wrote the plan. */
  isReplayed(offset: bigint): boolean {
    return this.phase === 'replaying' && offset >= this.replayFrom && offset <= this.replayTo;
  }

  replayDone(): void {
    if (this.phase === 'replaying') this.phase = 'live';
  }

  /** Counts one sample for the window; false once the window has `limit` of them. */
  takeSample(key: Pick<WindowKey, 'modelId' | 'modelVersion' | 'start'>, limit: number): boolean {
    const id = windowId(key);
    const n = this.sampled.get(id) ?? 0;
    if (n >= limit) return false;
    this.sampled.set(id, n + 1);
    return true;
  }

  /**
   * Whether unknown feature `name` may have its own row in the window: true for a name already
   * admitted, and for new ones until the window has `limit`. Refused names are counted
   * together (FeatureAccumulator), so random keys cannot create unbounded rows and findings.
   * Counted from the process start, like samples: a restart may admit up to `limit` more.
   */
  takeUnknownFeature(key: Pick<WindowKey, 'modelId' | 'modelVersion' | 'start'>, name: string, limit: number): boolean {
    const id = windowId(key);
    let names = this.unknownNames.get(id);
    if (names?.has(name)) return true;
    if ((names?.size ?? 0) >= limit) return false;
    if (!names) this.unknownNames.set(id, (names = new Set()));
    names.add(name);
    return true;
  }

  forgetClosed(keys: readonly WindowKey[]): void {
    for (const k of keys) {
      this.sampled.delete(windowId(k));
      this.unknownNames.delete(windowId(k));
    }
  }
}
