import { assignWindow } from './window-assigner';
import { Watermark } from './watermark';

export interface WindowKey {
  modelId: string;
  modelVersion: string;
  start: number;
  end: number;
}

export type CloseReason = 'watermark' | 'idle' | 'late-update';

/** What one partition adds to one window between two flushes. Deltas are additive in the store. */
export interface WindowDelta<A> {
  key: WindowKey;
  accumulator: A;
  events: number;
  late: number;
  minEventTime: number;
  maxEventTime: number;
}

/**
 * Everything a partition has to write in one go. `offsets.to` is the last offset covered:
 * once the deltas are durable, the consumer may commit `offsets.to + 1`. `offsets` is null
 * when only closes are due (the partition went quiet after its last flush).
 */
export interface PartitionFlush<A> {
  partition: number;
  offsets: { from: string; to: string } | null;
  deltas: WindowDelta<A>[];
  closed: { key: WindowKey; reason: CloseReason }[];
  /** The watermark and open windows as they were when the first message of `offsets` arrived. */
  before: WindowsSnapshot;
  /** … and as they are now that this flush is taken. */
  after: WindowsSnapshot;
}

/**
 * What decides how the next events are treated (accepted or late) and which windows still
 * have to be closed. Saving it beside a flush lets a restarted consumer re-run that flush's
 * offset range exactly as the first time.
 */
export interface WindowsSnapshot {
  /**
   * Largest event time seen by any model of the partition (or advanced to by an idle close);
   * null before any event. Informational since watermarks are per model (`models`); a snapshot
   * without `models` (saved before) gives every model with an open window this clock.
   */
  maxEventTime: number | null;
  open: WindowKey[];
  /** One clock per model of the partition; absent in snapshots saved before watermarks were per model. */
  models?: ModelClock[];
}

/** The event-time clock of one model in one partition. */
export interface ModelClock {
  modelId: string;
  /** Largest event time of the model seen (or advanced to by an idle close). */
  maxEventTime: number;
  /**
   * Offset (decimal) of the model's last event, or null when unknown (restored from a snapshot
   * saved before). Eviction under the model cap picks the lowest: it depends on the stream
   * only, so a replay evicts the same model as the first run.
   */
  lastOffset: string | null;
}

export interface PartitionWindowsOptions<A> {
  windowSizeMs: (modelId: string) => number;
  outOfOrdernessMs: number;
  graceMs: number;
  /** Close every open window when the partition has been quiet this long (processing time). */
  idleCloseMs: number;
  createAccumulator: (modelId: string, modelVersion: string) => A;
  /**
   * A model with no open window and no event for this long (processing time) forgets its
   * clock. Default: 4 × idleCloseMs. An event of it arriving later starts a fresh clock, so
   * it counts as on time and its window closes (again) on the new clock.
   */
  modelExpiryMs?: number;
  /**
   * At most this many model clocks per partition (default 1000). A new model beyond the cap
   * evicts the model whose last event is oldest in the stream; that model's open windows close
   * with reason 'idle' at the next flush, with their pending deltas — never dropped.
   */
  maxModels?: number;
}

const DEFAULT_MAX_MODELS = 1000;

interface LiveClock {
  watermark: Watermark;
  /** Processing time of the model's last event (or of the restore). */
  lastEventAt: number;
  lastOffset: bigint | null;
}

export interface RoutedEvent {
  modelId: string;
  modelVersion: string;
  timestamp: number;
}

/**
 * The one string a window is known by in maps and deduplication tokens: model, version and
 * start (the end follows from the start and the model's window size). Every component that keys
 * windows uses this, so the same window always gets the same id.
 */
export function windowId(key: Pick<WindowKey, 'modelId' | 'modelVersion' | 'start'>): string {
  return `${key.modelId}\u0000${key.modelVersion}\u0000${key.start}`;
}

/**
 * Event-time tumbling windows of one Kafka partition. Only the windows still open and the
 * deltas not yet flushed are kept, so memory depends on models × features × open windows,
 * never on the number of events.
 *
 * Every model of the partition has its own watermark: models share a partition only because
 * their ids hash alike, and one model's clock (a compressed simulation hours ahead, a backfill)
 * must not make another's events late or close its windows.
 */
export class PartitionWindows<A> {
  private readonly clocks = new Map<string, LiveClock>();
  private readonly open = new Map<string, WindowKey>();
  private deltas = new Map<string, WindowDelta<A>>();
  private lateUpdated = new Map<string, WindowKey>();
  /** Open windows of evicted models, closed at the next flush. */
  private evicted = new Map<string, WindowKey>();
  private fromOffset: bigint | null = null;
  private lastOffset: bigint | null = null;
  private pendingSinceMs: number | null = null;
  private lastSnapshot: WindowsSnapshot = { maxEventTime: null, open: [], models: [] };
  private readonly modelExpiryMs: number;
  private readonly maxModels: number;

  constructor(
    readonly partition: number,
    private readonly options: PartitionWindowsOptions<A>,
  ) {
    if (!(options.outOfOrdernessMs >= 0)) throw new RangeError(`out-of-orderness must be >= 0 ms, got ${options.outOfOrdernessMs}`);
    this.modelExpiryMs = options.modelExpiryMs ?? 4 * options.idleCloseMs;
    this.maxModels = options.maxModels ?? DEFAULT_MAX_MODELS;
    if (!(this.maxModels >= 1)) throw new RangeError(`maxModels must be >= 1, got ${this.maxModels}`);
  }

  /**
   * Routes one event to its window and lets `apply` fold it into that window's delta; `apply`
   * is given the window's key too, so callers never assign the window a second time.
   * Returns whether the event arrived after its window closed (it is counted all the same).
   */
  add(event: RoutedEvent, offset: string, nowMs: number, apply: (accumulator: A, key: Readonly<WindowKey>) => void): 'accepted' | 'late' {
    this.noteOffset(offset, nowMs);
    const bounds = assignWindow(event.timestamp, this.options.windowSizeMs(event.modelId));
    const key: WindowKey = { modelId: event.modelId, modelVersion: event.modelVersion, ...bounds };
    const id = windowId(key);
    const clock = this.clockOf(event.modelId, nowMs);
    const late = !this.open.has(id) && clock.watermark.isClosed(key.end, this.options.graceMs);
    if (late) this.lateUpdated.set(id, key);
    else this.open.set(id, key);

    let delta = this.deltas.get(id);
    if (!delta) {
      delta = {
        key,
        accumulator: this.options.createAccumulator(key.modelId, key.modelVersion),
        events: 0,
        late: 0,
        minEventTime: event.timestamp,
        maxEventTime: event.timestamp,
      };
      this.deltas.set(id, delta);
    }
    apply(delta.accumulator, key);
    delta.events += 1;
    if (late) delta.late += 1;
    if (event.timestamp < delta.minEventTime) delta.minEventTime = event.timestamp;
    if (event.timestamp > delta.maxEventTime) delta.maxEventTime = event.timestamp;

    clock.watermark.observe(event.timestamp);
    clock.lastEventAt = nowMs;
    clock.lastOffset = BigInt(offset);
    return late ? 'late' : 'accepted';
  }

  private clockOf(modelId: string, nowMs: number): LiveClock {
    let clock = this.clocks.get(modelId);
    if (clock) return clock;
    if (this.clocks.size >= this.maxModels) this.evictOldest();
    clock = { watermark: new Watermark(this.options.outOfOrdernessMs), lastEventAt: nowMs, lastOffset: null };
    this.clocks.set(modelId, clock);
    return clock;
  }

  /** Drops the clock whose last event is oldest in the stream (unknown first, then by id: replay-stable). */
  private evictOldest(): void {
    let victim: string | null = null;
    let victimOffset: bigint | null = null;
    for (const [modelId, c] of this.clocks) {
      const older =
        victim === null ||
        (c.lastOffset === null && victimOffset !== null) ||
        (c.lastOffset !== null && victimOffset !== null && c.lastOffset < victimOffset) ||
        (c.lastOffset === victimOffset && modelId < victim);
      if (older) {
        victim = modelId;
        victimOffset = c.lastOffset;
      }
    }
    if (victim === null) return;
    this.clocks.delete(victim);
    for (const [id, key] of this.open) {
      if (key.modelId !== victim) continue;
      this.open.delete(id);
      this.evicted.set(id, key);
    }
  }

  /** A message that produced no event (sent to the dead-letter topic) still moves the offset. */
  skip(offset: string, nowMs = 0): void {
    this.noteOffset(offset, nowMs);
  }

  /** Processing time at which the oldest unflushed message arrived; null when nothing is pending. */
  get pendingSince(): number | null {
    return this.pendingSinceMs;
  }

  /** The state now (a copy). */
  snapshot(): WindowsSnapshot {
    const models: ModelClock[] = [];
    let maxEventTime: number | null = null;
    for (const [modelId, c] of [...this.clocks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const t = c.watermark.maxEventTimeMs;
      if (t === null) continue;
      models.push({ modelId, maxEventTime: t, lastOffset: c.lastOffset === null ? null : c.lastOffset.toString() });
      if (maxEventTime === null || t > maxEventTime) maxEventTime = t;
    }
    return { maxEventTime, open: [...this.open.values()].map((k) => ({ ...k })), models };
  }

  /**
   * Puts back a state saved by an earlier flush (after a restart or a rebalance). Only allowed
   * while nothing is pending. Restored windows count as active from `nowMs`, so the idle close
   * gives them a full quiet period before closing them.
   */
  restore(snapshot: WindowsSnapshot, nowMs: number): void {
    if (this.lastOffset !== null || this.deltas.size > 0 || this.lateUpdated.size > 0 || this.evicted.size > 0) {
      throw new Error(`partition ${this.partition}: cannot restore windows while a flush is pending`);
    }
    this.clocks.clear();
    this.open.clear();
    for (const key of snapshot.open) this.open.set(windowId(key), { ...key });
    const restoreClock = (modelId: string, maxEventTime: number, lastOffset: string | null) => {
      const watermark = new Watermark(this.options.outOfOrdernessMs);
      watermark.restore(maxEventTime);
      this.clocks.set(modelId, { watermark, lastEventAt: nowMs, lastOffset: lastOffset === null ? null : BigInt(lastOffset) });
    };
    if (snapshot.models) {
      for (const m of snapshot.models) restoreClock(m.modelId, m.maxEventTime, m.lastOffset);
    } else if (snapshot.maxEventTime !== null) {
      // Saved when the partition had one clock: every model with an open window keeps it.
      for (const key of snapshot.open) if (!this.clocks.has(key.modelId)) restoreClock(key.modelId, snapshot.maxEventTime, null);
    }
    this.lastSnapshot = this.snapshot();
  }

  get pendingOffsets(): boolean {
    return this.lastOffset !== null;
  }

  get openWindowCount(): number {
    return this.open.size;
  }

  /** The model's watermark in this partition; -Infinity when it has no clock (no event yet, or expired). */
  watermarkOf(modelId: string): number {
    return this.clocks.get(modelId)?.watermark.current ?? Number.NEGATIVE_INFINITY;
  }

  /**
   * The partition's event-time progress: the newest of its models' watermarks (a model that went
   * quiet must not hold the whole partition back); -Infinity before any event.
   */
  get newestWatermark(): number {
    let newest = Number.NEGATIVE_INFINITY;
    for (const c of this.clocks.values()) if (c.watermark.current > newest) newest = c.watermark.current;
    return newest;
  }

  /** How many model clocks the partition holds (bounded by `maxModels`). */
  get modelCount(): number {
    return this.clocks.size;
  }

  /** True when a flush would close a window (by watermark, idleness or eviction) or publish a late update. */
  hasClosable(nowMs: number): boolean {
    if (this.lateUpdated.size > 0 || this.evicted.size > 0) return true;
    for (const key of this.open.values()) if (this.closeReason(key, nowMs) !== null) return true;
    return false;
  }

  private closeReason(key: WindowKey, nowMs: number): 'watermark' | 'idle' | null {
    const clock = this.clocks.get(key.modelId);
    // A window always has its model's clock (eviction moves the windows out with it).
    if (!clock) return 'idle';
    if (clock.watermark.isClosed(key.end, this.options.graceMs)) return 'watermark';
    if (nowMs - clock.lastEventAt >= this.options.idleCloseMs && this.endedBy(key, nowMs)) return 'idle';
    return null;
  }

  /**
   * The processing-time fallback closes only windows whose end (plus grace) the clock has
   * passed: a quiet pause inside a live window must not close it, or the rest of its events
   * would all arrive late.
   */
  private endedBy(key: WindowKey, nowMs: number): boolean {
    return nowMs >= key.end + this.options.graceMs;
  }

  /**
   * Takes every pending delta and decides which windows close now. Returns null when there
   * is nothing to write and nothing to close. The caller writes the deltas, then commits.
   */
  takeFlush(nowMs: number): PartitionFlush<A> | null {
    if (this.lastOffset === null && !this.hasClosable(nowMs)) return null;
    const closed: PartitionFlush<A>['closed'] = [];
    for (const key of this.evicted.values()) closed.push({ key, reason: 'idle' });
    const idleHorizon = new Map<string, number>();
    for (const [id, key] of this.open) {
      const reason = this.closeReason(key, nowMs);
      if (reason === null) continue;
      closed.push({ key, reason });
      this.open.delete(id);
      if (reason === 'idle') idleHorizon.set(key.modelId, Math.max(idleHorizon.get(key.modelId) ?? Number.NEGATIVE_INFINITY, key.end + this.options.graceMs));
    }
    // Once a window is closed for idleness, later events for it must count as late,
    // exactly as if its model's watermark had passed it.
    for (const [modelId, horizon] of idleHorizon) this.clocks.get(modelId)?.watermark.advanceTo(horizon + this.options.outOfOrdernessMs);
    for (const key of this.lateUpdated.values()) closed.push({ key, reason: 'late-update' });
    this.expireIdleModels(nowMs);

    const after = this.snapshot();
    const flush: PartitionFlush<A> = {
      partition: this.partition,
      offsets:
        this.fromOffset === null || this.lastOffset === null
          ? null
          : { from: this.fromOffset.toString(), to: this.lastOffset.toString() },
      deltas: [...this.deltas.values()],
      closed,
      before: this.lastSnapshot,
      after,
    };
    this.deltas = new Map();
    this.lateUpdated = new Map();
    this.evicted = new Map();
    this.fromOffset = null;
    this.lastOffset = null;
    this.pendingSinceMs = null;
    this.lastSnapshot = after;
    return flush;
  }

  /**
   * Forgets the clocks of models quiet for `modelExpiryMs` with no open window, so a partition
   * that saw many models over time keeps only the live ones. Only at a flush, never inside a
   * range: a replay of the range then decides late events exactly as the first run did.
   */
  private expireIdleModels(nowMs: number): void {
    const withOpen = new Set([...this.open.values()].map((k) => k.modelId));
    for (const [modelId, c] of this.clocks) {
      if (!withOpen.has(modelId) && nowMs - c.lastEventAt >= this.modelExpiryMs) this.clocks.delete(modelId);
    }
  }

  private noteOffset(offset: string, nowMs: number): void {
    const o = BigInt(offset);
    if (this.lastOffset !== null && o <= this.lastOffset) {
      throw new RangeError(`partition ${this.partition}: offset ${offset} is not after ${this.lastOffset}`);
    }
    if (this.fromOffset === null) {
      this.fromOffset = o;
      this.pendingSinceMs = nowMs;
    }
    this.lastOffset = o;
  }
}
