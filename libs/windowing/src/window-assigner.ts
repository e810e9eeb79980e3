/**
 * Tumbling event-time windows aligned to the Unix epoch, so every instance and every
 * restart assigns an event to the same window without coordination.
 */
export interface WindowBounds {
  start: number;
  end: number;
}

export function assignWindow(eventTimeMs: number, sizeMs: number): WindowBounds {
  if (!Number.isFinite(eventTimeMs)) throw new RangeError(`event time must be finite, got ${eventTimeMs}`);
  if (!Number.isInteger(sizeMs) || sizeMs <= 0) throw new RangeError(`window size must be a positive integer of ms, got ${sizeMs}`);
  const start = Math.floor(eventTimeMs / sizeMs) * sizeMs;
  return { start, end: start + sizeMs };
}
