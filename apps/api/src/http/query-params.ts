import { BadRequestException } from '@nestjs/common';

// DateTime64(3) holds instants from 1900 to 2299; the store rejects anything else.
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant given as ISO-8601 (`2026-11-26T14:00:00Z`; a date alone is midnight UTC) or
 * epoch milliseconds; absent → `fallback`. Anything else is a 400 naming the parameter.
 */
export function parseInstant(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = toEpochMs(value);
  if (ms === undefined) {
    throw new BadRequestException(`query parameter ${name}: expected an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(value)}`);
  }
  if (ms < MIN_MS || ms > MAX_MS) throw new BadRequestException(`query parameter ${name}: ${value} is outside 1900-01-01..2299-12-31`);
  return ms;
}

/** ISO-8601 or epoch milliseconds to epoch ms; undefined when it is neither. */
export function toEpochMs(value: string): number | undefined {
  const s = value.trim();
  if (/^-?\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (!ISO_DATE.test(s)) return undefined;
  // A time without a zone would be read as local time: Driftwatch speaks UTC.
  const withZone = /T|\s/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `from`/`to` of a time-range query: default the last 24 hours; `from` must be before `to`. */
export function parseRange(from: string | undefined, to: string | undefined, now = Date.now()): { from: number; to: number } {
  const end = parseInstant('to', to, now);
  const start = parseInstant('from', from, end - 24 * 3600 * 1000);
  if (start >= end) throw new BadRequestException(`query parameters from/to: from (${new Date(start).toISOString()}) must be before to (${new Date(end).toISOString()})`);
  return { from: start, to: end };
}

/** A positive integer query parameter within [min, max]. */
export function parseIntegerParam(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new BadRequestException(`query parameter ${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Model ids and versions come from events: any text, but bounded. */
export function checkName(name: string, value: string): string {
  if (value.length === 0 || value.length > 256) throw new BadRequestException(`${name} must be 1 to 256 characters long`);
  return value;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
