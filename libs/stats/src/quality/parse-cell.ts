import { isMissingToken } from './missing';

/**
 * A CSV cell of a numeric column: a missing token (isMissingToken) → null; a decimal number
 * as JavaScript's Number() reads it (surrounding whitespace allowed, "1e3", ".5", "Infinity")
 * or inf/infinity in any case with an optional sign (as Python and pandas write it) → that
 * number; anything else → 'type-error'. Unlike in events, a cell that parses counts as
 * numeric: in a text file every value is text.
 *
 * Number() also reads hex/binary/octal literals ("0x1F"); those are type errors here since
 * no data export writes numbers that way and such a cell is more likely an identifier.
 * Hot path (called per cell of million-row files): one Number() call for the common case.
 */
export function parseNumericCell(raw: string): number | null | 'type-error' {
  if (raw.length === 0) return null;
  const n = Number(raw);
  if (n === n) {
    // Number("  ") is 0: a blank cell is missing, not zero.
    if (n === 0 && raw.trim().length === 0) return null;
    if (hasRadixPrefix(raw)) return 'type-error';
    return n;
  }
  if (isMissingToken(raw)) return null;
  const infinity = parseInfinityToken(raw);
  return infinity ?? 'type-error';
}

/**
 * A CSV cell of a boolean column: missing token → null; true/false (any case) or 1/0 → the
 * boolean; anything else → 'type-error'.
 */
export function parseBooleanCell(raw: string): boolean | null | 'type-error' {
  const s = raw.trim();
  if (isMissingToken(s)) return null;
  switch (s.toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return 'type-error';
  }
}

function hasRadixPrefix(raw: string): boolean {
  let i = 0;
  while (i < raw.length && raw.charCodeAt(i) <= 32) i++;
  if (raw.charCodeAt(i) !== 48 /* 0 */) return false;
  const c = raw.charCodeAt(i + 1) | 0x20; // lower-case ASCII letters
  return c === 120 /* x */ || c === 98 /* b */ || c === 111 /* o */;
}

function parseInfinityToken(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  let sign = 1;
  let body = s;
  if (s.startsWith('+') || s.startsWith('-')) {
    sign = s.startsWith('-') ? -1 : 1;
    body = s.slice(1);
  }
  return body === 'inf' || body === 'infinity' ? sign * Infinity : null;
}
