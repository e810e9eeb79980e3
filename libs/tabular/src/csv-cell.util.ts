import { parseNumericCell } from '@driftwatch/stats';
import { MISSING_TOKENS } from './cell-sql';

/**
 * Cell classification of the CSV reader (csv-columns.ts), the same as cellSql's on the engine
 * path: ASCII whitespace (space, \t, \n, \v, \f, \r) around a cell is ignored, a missing token
 * is missing, and the rest is a number exactly when the engine's toFloat64OrNull reads it as a
 * non-NaN number — parseNumericCell on printable ASCII, never on anything else (Number() would
 * also skip Unicode spaces such as U+00A0, which the engine does not).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Above this a tenfold mantissa plus a digit may leave the doubles' exact integers (2^53). */
const MANTISSA_LIMIT = (2 ** 53 - 10) / 10;

/**
 * A plain decimal cell (`-12.5`, `.5`, `5.`, `1e-3`, `007`) read straight from its bytes, or
 * NaN when the cell is anything else or needs more than the fast path: then the caller reads
 * it as text (numberOfText). The result is the correctly rounded double, as Number() and the
 * engine's precise parsing give: a mantissa below 2^53 and a power of ten up to 10^22 are both
 * exact doubles, so one IEEE multiplication or division rounds correctly (Clinger's fast
 * path); longer mantissas or larger exponents go the slow way.
 */
export function decimalOfBytes(buf: Uint8Array, start: number, end: number): number {
  const v = scanDecimal(buf, start, end);
  return decimalEnd === end ? v : NaN;
}

/** Where the last scanDecimal stopped. */
export let decimalEnd = 0;

/**
 * Reads the longest plain decimal at `buf[start]` (not past `limit`): its value, or NaN when
 * none is there or it is beyond the fast path; `decimalEnd` is set to where it stopped. A
 * cell is a plain decimal when that is its end (see decimalOfBytes).
 */
export function scanDecimal(buf: Uint8Array, start: number, limit: number): number {
  let i = start;
  let negative = false;
  const c = start < limit ? buf[i] : 0;
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let tooLong = false;
  for (; i < limit; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) break;
    if (mantissa > MANTISSA_LIMIT) tooLong = true;
    mantissa = mantissa * 10 + d;
    digits++;
  }
  if (i < limit && buf[i] === 46 /* . */) {
    for (i++; i < limit; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      if (mantissa > MANTISSA_LIMIT) tooLong = true;
      mantissa = mantissa * 10 + d;
      digits++;
      scale++;
    }
  }
  let exponent = 0;
  if (digits > 0 && i < limit && (buf[i] | 0x20) === 101 /* e */) {
    i++;
    let expNegative = false;
    if (i < limit && buf[i] === 45) {
      expNegative = true;
      i++;
    } else if (i < limit && buf[i] === 43) {
      i++;
    }
    const expStart = i;
    for (; i < limit; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      if (exponent > 1000) tooLong = true;
      exponent = exponent * 10 + d;
    }
    if (i === expStart) digits = 0;
    if (expNegative) exponent = -exponent;
  }
  decimalEnd = i;
  if (digits === 0 || tooLong) return NaN;
  let value: number;
  if (mantissa === 0) value = 0;
  else {
    const power = exponent - scale;
    if (power >= 0 && power <= 22) value = mantissa * POW10[power];
    else if (power < 0 && power >= -22) value = mantissa / POW10[-power];
    else return NaN;
  }
  return negative ? -value : value;
}

/** Characters cellSql trims from text cells. */
function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

export function trimAsciiSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const MISSING = new Set<string>(MISSING_TOKENS);

/** A missing cell: after trimming ASCII whitespace, one of the missing tokens. */
export function isMissingText(text: string): boolean {
  return MISSING.has(trimAsciiSpace(text));
}

/** The number a non-missing text cell holds, or NaN when it holds none (a type error in a numeric column). */
export function numberOfText(text: string): number {
  const t = trimAsciiSpace(text);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return NaN;
  }
  const v = parseNumericCell(t);
  return typeof v === 'number' ? v : NaN;
}
