const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from there on toISOString writes a six-digit, signed year. */
const FIVE_DIGIT_YEAR_MS = 253_402_300_800_000;

// The date part of the last day formatted: rows of one insert (predictions, labels) mostly
// share their day, and toISOString plus two replaces per value was a hot spot of the
// aggregator's flush (three per prediction row).
let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * Epoch milliseconds to the `YYYY-MM-DD hh:mm:ss.sss` text that a DateTime64(3, 'UTC') column
 * or parameter parses exactly. A JS Date or a bare number is not safe: the client formats a
 * Date to whole seconds, and a number's meaning (seconds or ticks) depends on the format.
 */
export function toDateTime64(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Invalid timestamp: ${epochMs}`);
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= FIVE_DIGIT_YEAR_MS) {
    return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', '');
  }
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== cachedDay) {
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    cachedDay = day;
  }
  let rest = epochMs - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedDate} ${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
