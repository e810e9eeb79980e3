/**
 * When a rollup bucket is judged: once every window that starts in it has ended and closed,
 * whether or not its last windows had events (a quiet minute writes no window, so "the close of
 * the bucket's last window" may never come). Two clocks say so:
 *
 * - event time, on every window close of the version: the aggregator closes a window ending at E
 *   only once its watermark passed E + grace (or, idle, its wall clock did), and it closes every
 *   window ending earlier in the same pass or before, so a close at E settles every bucket whose
 *   windows all end by E. Each close settles the buckets that ended after the version's previous
 *   window and by its own end: stateless, so a redelivered or re-read close judges the same
 *   buckets again (same evaluation ids) and a restart skips none.
 * - wall clock, for a version that stopped closing windows: the bucket holding its last window is
 *   judged once the clock passed the end of the bucket's windows plus the aggregator's closing
 *   delays (grace, out-of-orderness, idle close) and no window of the version closed for as long.
 *
 * Buckets are epoch-aligned and hold the windows that START in them (like the store's rollup);
 * windows are epoch-aligned too (libs/windowing). A bucket without windows (a silent hour) is never
 * a candidate: silence is the silence timer's to judge.
 */
export interface RollupBucket {
  readonly start: number;
  readonly end: number;
  /** End of the last window that can start in the bucket: its windows have all ended by then. */
  readonly windowsEnd: number;
}

export interface WindowSpan {
  readonly windowStart: number;
  readonly windowEnd: number;
}

/** The bucket a window starts in, or null when windows are as long as buckets (no rollup worth computing). */
export function rollupBucketOf(windowStart: number, windowMs: number, bucketMs: number): RollupBucket | null {
  if (!(windowMs > 0) || !(bucketMs > 0)) throw new RangeError(`rollup: window and bucket must be positive, got ${windowMs} ms and ${bucketMs} ms`);
  if (windowMs >= bucketMs) return null;
  const start = Math.floor(windowStart / bucketMs) * bucketMs;
  const end = start + bucketMs;
  return { start, end, windowsEnd: Math.ceil(end / windowMs) * windowMs };
}

/**
 * The buckets a window's close settles: those holding windows (the previous window's bucket and
 * this window's) whose windows all ended after the version's previous window did and by this
 * window's end. `previous` is the version's stored window starting last before this one (null:
 * none). A late update of an old window settles what that window's first close did.
 */
export function bucketsSettledBy(closed: WindowSpan, previous: WindowSpan | null, bucketMs: number): RollupBucket[] {
  const windowMs = closed.windowEnd - closed.windowStart;
  const after = previous ? Math.min(previous.windowEnd, closed.windowStart) : Number.NEGATIVE_INFINITY;
  const candidates = [previous ? rollupBucketOf(previous.windowStart, windowMs, bucketMs) : null, rollupBucketOf(closed.windowStart, windowMs, bucketMs)];
  const out: RollupBucket[] = [];
  for (const b of candidates) {
    if (!b || out.some((o) => o.start === b.start)) continue;
    if (b.windowsEnd > after && b.windowsEnd <= closed.windowEnd) out.push(b);
  }
  return out;
}

export interface ClockedVersion {
  /** End of the version's last stored window (event time). */
  readonly lastWindowEnd: number;
  readonly windowMs: number;
  /** Processing time of the version's last window close; null when none is known. */
  readonly lastClosedAt: number | null;
}

/**
 * The bucket the wall clock settles for a version that stopped closing windows, or null: the
 * bucket of its last window when that window was not the bucket's last (a close at the bucket's
 * end already judged it), once `now` is `slackMs` past the end of the bucket's windows and past
 * the version's last close. The second condition keeps a backfill, whose event times lie hours
 * behind the clock while its windows still close, on the event-time rule.
 */
export function bucketDueOnClock(version: ClockedVersion, bucketMs: number, now: number, slackMs: number): RollupBucket | null {
  const b = rollupBucketOf(version.lastWindowEnd - version.windowMs, version.windowMs, bucketMs);
  if (!b || b.windowsEnd <= version.lastWindowEnd) return null;
  if (now < b.windowsEnd + slackMs) return null;
  if (version.lastClosedAt !== null && now < version.lastClosedAt + slackMs) return null;
  return b;
}
