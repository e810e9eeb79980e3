/**
 * How far a watermark is behind the wall clock, in seconds; null before the first event (no
 * watermark to be behind with). Negative when events come from the future (a skewed producer
 * clock) — shown as it is rather than hidden at 0.
 */
export function watermarkDelaySeconds(nowMs: number, watermarkMs: number): number | null {
  if (!Number.isFinite(watermarkMs)) return null;
  return (nowMs - watermarkMs) / 1000;
}
