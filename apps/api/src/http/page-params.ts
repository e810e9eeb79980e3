import { BadRequestException } from '@nestjs/common';
import { parseInstant, parseIntegerParam } from './query-params';

const DAY_MS = 86_400_000;

/** Page sizes of the list endpoints: the default and the largest a client may ask for (docs/security.md, "Bounds and retention"). */
export const PAGE_LIMITS = Object.freeze({
  windows: { default: 100, max: 1000 },
  rollup: { default: 168, max: 1000 },
  drift: { default: 1440, max: 10_000 },
  performance: { default: 1440, max: 10_000 },
  incidents: { default: 100, max: 1000 },
  /** Lists of what operators create (models seen, baselines, webhook destinations). */
  catalog: { default: 1000, max: 1000 },
});

/** The longest `to − from` a time-range endpoint accepts, in days. */
export const MAX_RANGE_DAYS = Object.freeze({ windows: 31, rollup: 366, drift: 366, performance: 366 });

/**
 * The `cursor` of a time-ordered list: the start (epoch ms) where the next page begins, as the
 * previous answer's `nextCursor` gave it. It must fall inside [from, to).
 */
export function parseTimeCursor(value: string | undefined, range: { from: number; to: number }): number | null {
  if (value === undefined || value === '') return null;
  const ms = /^\d+$/.test(value.trim()) ? parseInstant('cursor', value, range.from) : NaN;
  if (!Number.isSafeInteger(ms) || ms < range.from || ms >= range.to) {
    throw new BadRequestException(`query parameter cursor: expected the nextCursor of a previous page of this range, got ${JSON.stringify(value)}`);
  }
  return ms;
}

/** 400 naming from/to when the range is longer than `maxDays`. */
export function checkMaxRange(range: { from: number; to: number }, maxDays: number): void {
  if (range.to - range.from > maxDays * DAY_MS) {
    const days = Math.round(((range.to - range.from) / DAY_MS) * 10) / 10;
    throw new BadRequestException(`query parameters from/to: the range spans ${days} days, more than the maximum of ${maxDays}; ask for a shorter range`);
  }
}

/**
 * The `cursor` of a list paged by position: the previous answer's `nextCursor` (rows to skip).
 * Pass the same filters (and an explicit `to` for a time range, or rows added meanwhile shift it).
 */
export function parseOffsetCursor(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const n = /^\d{1,9}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new BadRequestException(`query parameter cursor: expected the nextCursor of a previous page, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * A page out of `limit + 1` rows fetched from `offset`: the first `limit`, and the cursor of the
 * next page when the extra row shows there is one.
 */
export function pageOf<T>(rows: readonly T[], limit: number, offset: number): { items: T[]; nextCursor: string | null } {
  return rows.length > limit ? { items: rows.slice(0, limit), nextCursor: String(offset + limit) } : { items: [...rows], nextCursor: null };
}

/**
 * `limit` and `cursor` of a catalog list (models, baselines, webhook destinations), paged in SQL:
 * fetch `fetch` rows (one more than the page) from `offset`, then `pageOf(rows, limit, offset)`.
 */
export function catalogPage(limit: string | undefined, cursor: string | undefined): { limit: number; offset: number; fetch: number } {
  const pageSize = parseIntegerParam('limit', limit, PAGE_LIMITS.catalog.default, 1, PAGE_LIMITS.catalog.max);
  return { limit: pageSize, offset: parseOffsetCursor(cursor), fetch: pageSize + 1 };
}
