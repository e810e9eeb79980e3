/**
 * Epoch milliseconds to the `YYYY-MM-DD hh:mm:ss.sss` text that a DateTime64(3, 'UTC') column
 * or parameter parses exactly. A JS Date or a bare number is not safe: the client formats a
 * Date to whole seconds, and a number's meaning (seconds or ticks) depends on the format.
 */
export function toDateTime64(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Invalid timestamp: ${epochMs}`);
  return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', '');
}
