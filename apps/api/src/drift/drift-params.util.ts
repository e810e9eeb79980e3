import { BadRequestException } from '@nestjs/common';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Model ids come from events: any text, but bounded. */
export function modelParam(value: string): string {
  if (value.length === 0 || value.length > 256) throw new BadRequestException('model must be 1 to 256 characters long');
  return value;
}

/** ISO-8601 (UTC when no zone is given) or epoch milliseconds; absent → `fallback`. */
export function instantParam(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const s = value.trim();
  let ms = NaN;
  if (/^\d+$/.test(s)) ms = Number(s);
  else if (ISO_DATE.test(s)) ms = Date.parse(/T|\s/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s);
  if (!Number.isSafeInteger(ms) || ms < Date.UTC(1900, 0, 1) || ms > Date.UTC(2299, 11, 31)) {
    throw new BadRequestException(`query parameter ${name}: expected an ISO-8601 time or epoch milliseconds (1900..2299), got ${JSON.stringify(value)}`);
  }
  return ms;
}

export function positiveInteger(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new BadRequestException(`query parameter ${name}: expected an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
