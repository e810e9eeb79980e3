import { BadRequestException } from '@nestjs/common';
import { parseInstant } from './query-params';

const DAY_MS = 86_400_000;

/** Page sizes of the list endpoints: the default and the largest a client may ask for (docs/security.md, "Bounds and retention"). */
export const PAGE_LIMITS = Object.freeze({
  windows: { default: 100, max: 1000 },
  rollup: { default: 168, max: 1000 },
});

/** The longest `to − from` a time-range endpoint accepts, in days. */
export const MAX_RANGE_DAYS = Object.freeze({ windows: 31, rollup: 366 });

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
