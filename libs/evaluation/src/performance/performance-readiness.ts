/** What the store knows of a window when its readiness is decided (PerformanceRepository.windowCounts). */
export interface WindowLabelState {
  readonly windowEnd: number;
  readonly predicted: number;
  readonly labelled: number;
  /** When the last of its predictions was stored, epoch ms. */
  readonly lastInsertedAt: number;
  /** The aggregator closed the window. An open window is still filling: never judged. */
  readonly closed: boolean;
}

/**
 * Whether a window's performance can be judged now, with the labels it has. Only a closed window
 * (its predictions are in) is judged. Labels come late or never, so waiting for all of them could
 * wait forever; a closed window is ready when
 *   - every prediction has a label, or
 *   - the model's labels have moved on: the latest label timestamp of the model is at least
 *     `labelWaitSeconds` past the window's end (labels for it would have come by now), or
 *   - nothing changed for long enough: `labelWaitSeconds` of wall clock since its last
 *     prediction was stored (covers a model whose labels stopped entirely, and replays of old
 *     event times whose labels' timestamps are old too).
 * Windows are judged in order, so the caller stops at the first window not ready.
 */
export function windowReady(window: WindowLabelState, maxLabelTime: number | null, now: number, labelWaitSeconds: number): boolean {
  if (!window.closed) return false;
  const waitMs = labelWaitSeconds * 1000;
  if (window.predicted > 0 && window.labelled >= window.predicted) return true;
  if (maxLabelTime !== null && maxLabelTime >= window.windowEnd + waitMs) return true;
  return now >= window.lastInsertedAt + waitMs;
}

/** The epoch-aligned rollup bucket a window starts in (the same buckets as completedBucket). */
export function bucketOf(windowStart: number, bucketMs: number): { start: number; end: number } {
  const start = Math.floor(windowStart / bucketMs) * bucketMs;
  return { start, end: start + bucketMs };
}
