/** Bumped on any incompatible change; consumers reject versions they do not know. */
export const WINDOW_CLOSED_SCHEMA_VERSION = 1;

export const WINDOW_CLOSE_REASONS = ['watermark', 'idle', 'late-update'] as const;

/**
 * Why the message was published: the watermark passed end + grace, the processing-time
 * fallback closed an idle window, or late events changed an already closed window.
 */
export type WindowCloseReason = (typeof WINDOW_CLOSE_REASONS)[number];

/**
 * Published on `driftwatch.windows` when a window's histograms are durable in ClickHouse.
 * Counts are the window's totals at `closedAt` (not deltas), so a consumer that sees a
 * `late-update` twice, or out of order, still ends with the right numbers.
 */
export interface WindowClosedMessage {
  schemaVersion: typeof WINDOW_CLOSED_SCHEMA_VERSION;
  modelId: string;
  modelVersion: string;
  /** Inclusive start, epoch milliseconds. */
  windowStart: number;
  /** Exclusive end, epoch milliseconds. */
  windowEnd: number;
  /** All events counted in the window, late ones included. */
  eventCount: number;
  /** Events that arrived after the window had closed (a subset of eventCount). */
  lateCount: number;
  closedAt: number;
  reason: WindowCloseReason;
}
