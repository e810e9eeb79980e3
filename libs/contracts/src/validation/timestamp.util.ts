import { abbreviate, kindOf } from './value-kind.util';

/**
 * Smallest accepted event time: 1e11 ms is 1973-03-03. Anything earlier is almost surely
 * epoch seconds sent as milliseconds (1.7e9 s would land in January 1970), a unit error we
 * want to name rather than silently file under 1970.
 */
export const MIN_TIMESTAMP_MS = 100_000_000_000;
/** 9999-12-31T23:59:59.999Z, the last instant a four-digit ISO-8601 year can write. */
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

export type TimestampParse = { ok: true; ms: number } | { ok: false; message: string };

// RFC 3339 / ISO-8601 extended format: date, optional time (seconds and fraction optional),
// optional zone. Date.parse alone is not enough: it accepts "March 7 2020", rolls
// 2026-02-30 over to March, and reads a zone-less date-time in the server's local zone.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const NOT_A_TIMESTAMP = 'not an ISO-8601 date or epoch milliseconds';

/**
 * Event time to epoch milliseconds. Accepts epoch milliseconds (a fraction is truncated:
 * Avro's long has none) or an ISO-8601 string; a date-time without a zone is read as UTC,
 * the convention of Python's `datetime.utcnow().isoformat()`, never in the local zone.
 */
export function parseTimestamp(value: unknown): TimestampParse {
  if (typeof value === 'number') return fromEpochMillis(value);
  if (typeof value === 'string') return fromIsoString(value);
  return { ok: false, message: `${NOT_A_TIMESTAMP}, got ${kindOf(value)}` };
}

function fromEpochMillis(value: number): TimestampParse {
  if (!Number.isFinite(value)) return { ok: false, message: `${NOT_A_TIMESTAMP}, got ${value}` };
  const ms = Math.trunc(value);
  if (ms >= 0 && ms < MIN_TIMESTAMP_MS) {
    const hint = ms >= 1_000_000_000 ? ' (looks like epoch seconds)' : '';
    return { ok: false, message: `${value} is before 1973-03-03 in epoch milliseconds${hint}` };
  }
  // The text is only for the message: String(value) per event was a measurable cost.
  return ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS ? { ok: true, ms } : inRange(ms, String(value));
}

function fromIsoString(text: string): TimestampParse {
  const m = ISO_8601.exec(text);
  if (!m) return { ok: false, message: `${NOT_A_TIMESTAMP}: ${JSON.stringify(abbreviate(text, 40))}` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const offsetSign = m[9] === '-' ? -1 : 1;
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return { ok: false, message: `not a valid date or time: ${JSON.stringify(abbreviate(text, 40))}` };
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const ms = date.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return inRange(ms, JSON.stringify(abbreviate(text, 40)));
}

function inRange(ms: number, shown: string): TimestampParse {
  if (ms < MIN_TIMESTAMP_MS || ms > MAX_TIMESTAMP_MS) {
    return { ok: false, message: `${shown} is outside 1973-03-03T09:46:40Z .. 9999-12-31T23:59:59.999Z` };
  }
  return { ok: true, ms };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
