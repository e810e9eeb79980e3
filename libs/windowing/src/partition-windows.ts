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
  /** Largest event time seen (or advanced to by an idle close); null before any event. */
  maxEventTime: number | null;
  open: WindowKey[];
}

export interface PartitionWindowsOptions<A> {
  windowSizeMs: (modelId: string) => number;
  outOfOrdernessMs: number;
  graceMs: number;
  /** Close every open window when the partition has been quiet this long (processing time). */
  idleCloseMs: number;
  createAccumulator: (modelId: string, modelVersion: string) => A;
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
 */
export class PartitionWindows<A> {
  private readonly watermark: Watermark;
  private readonly open = new Map<string, WindowKey>();
  private deltas = new Map<string, WindowDelta<A>>();
  private lateUpdated = new Map<string, WindowKey>();
  private fromOffset: bigint | null = null;
  private lastOffset: bigint | null = null;
  private lastEventAt = 0;
  private pendingSinceMs: number | null = null;
  private lastSnapshot: WindowsSnapshot = { maxEventTime: null, open: [] };

  constructor(
    readonly partition: number,
    private readonly options: PartitionWindowsOptions<A>,
  ) {
    this.watermark = new Watermark(options.outOfOrdernessMs);
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
    const late = !this.open.has(id) && this.watermark.isClosed(key.end, this.options.graceMs);
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

    this.watermark.observe(event.timestamp);
    this.lastEventAt = nowMs;
    return late ? 'late' : 'accepted';
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
    return { maxEventTime: this.watermark.maxEventTimeMs, open: [...this.open.values()].map((k) => ({ ...k })) };
  }

  /**
   * Puts back a state saved by an earlier flush (after a restart or a rebalance). Only allowed
   * while nothing is pending. Restored windows count as active from `nowMs`, so the idle close
   * gives them a full quiet period before closing them.
   */
  restore(snapshot: WindowsSnapshot, nowMs: number): void {
    if (this.lastOffset !== null || this.deltas.size > 0 || this.lateUpdated.size > 0) {
      throw new Error(`partition ${this.partition}: cannot restore windows while a flush is pending`);
    }
    this.watermark.restore(snapshot.maxEventTime);
    this.open.clear();
    for (const key of snapshot.open) this.open.set(windowId(key), { ...key });
    this.lastEventAt = nowMs;
    this.lastSnapshot = this.snapshot();
  }

  get pendingOffsets(): boolean {
    return this.lastOffset !== null;
  }

  get openWindowCount(): number {
    return this.open.size;
  }

  get watermarkMs(): number {
    return this.watermark.current;
  }

  /** True when a flush would close a window (by watermark or idleness) or publish a late update. */
  hasClosable(nowMs: number): boolean {
    if (this.lateUpdated.size > 0) return true;
    const idle = nowMs - this.lastEventAt >= this.options.idleCloseMs;
    for (const key of this.open.values()) {
      if (this.watermark.isClosed(key.end, this.options.graceMs) || (idle && this.endedBy(key, nowMs))) return true;
    }
    return false;
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
    const idle = nowMs - this.lastEventAt >= this.options.idleCloseMs;
    let idleHorizon = Number.NEGATIVE_INFINITY;
    for (const [id, key] of this.open) {
      if (this.watermark.isClosed(key.end, this.options.graceMs)) {
        closed.push({ key, reason: 'watermark' });
        this.open.delete(id);
      } else if (idle && this.endedBy(key, nowMs)) {
        closed.push({ key, reason: 'idle' });
        this.open.delete(id);
        idleHorizon = Math.max(idleHorizon, key.end + this.options.graceMs);
      }
    }
    // Once a window is closed for idleness, later events for it must count as late,
    // exactly as if the watermark had passed it.
    if (idleHorizon > Number.NEGATIVE_INFINITY) this.watermark.advanceTo(idleHorizon + this.options.outOfOrdernessMs);
    for (const key of this.lateUpdated.values()) closed.push({ key, reason: 'late-update' });

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
    this.fromOffset = null;
    this.lastOffset = null;
    this.pendingSinceMs = null;
    this.lastSnapshot = after;
    return flush;
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
