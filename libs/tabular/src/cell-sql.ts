import { quoteIdentifier, quoteString } from './sql-quote.util';

/** The missing tokens of docs/architecture.md for text cells (compared after trimming ASCII whitespace). */
export const MISSING_TOKENS = ['', 'null', 'NULL', 'NA', 'NaN', 'N/A'] as const;

/** SQL expressions classifying the cells of one column. */
export interface CellSql {
  /** True for a missing cell: NULL, NaN, or (text) a missing token. */
  missing: string;
  /** The cell as a Float64 when it is a valid number, else NULL or NaN (test with `isNumber`). */
  number: string;
  /** True for a cell holding a valid (non-NaN) number; always false for a missing cell. */
  isNumber: string;
  /** The category of a non-missing cell: its text. */
  category: string;
}

const NATIVE_NUMBER = /^(?:U?Int\d+|Float\d+|Decimal\d*(?:\(.*\))?|BFloat16)$/;
const TRIM = quoteString(' \t\n\r\v\f');

/** Strips Nullable(…) and LowCardinality(…) wrappers. */
export function baseType(type: string): string {
  let t = type.trim();
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) return t;
    t = m[1].trim();
  }
}

export function isNativeNumberType(type: string): boolean {
  return NATIVE_NUMBER.test(baseType(type));
}

/**
 * Cell classification for a column of ClickHouse type `type`, matching
 * `parseNumericCell`/`isMissingToken` of @driftwatch/stats on text: ASCII whitespace around a
 * cell is ignored, a missing token is missing, a cell ClickHouse reads as a finite or infinite
 * number ("1e3", ".5", "-inf", "Infinity") is a number, and anything else — including "nan",
 * which both read as NaN without being a missing token — is not. Native numeric columns
 * (Parquet) are numbers, with NULL and NaN missing.
 */
export function cellSql(name: string, type: string): CellSql {
  const col = quoteIdentifier(name);
  if (isNativeNumberType(type)) {
    const number = `toFloat64(${col})`;
    const missing = `(${col} IS NULL OR isNaN(${number}))`;
    return { missing, number, isNumber: `NOT ${missing}`, category: `toString(${col})` };
  }
  const text = baseType(type) === 'String' ? col : `toString(${col})`;
  const trimmed = `trim(BOTH ${TRIM} FROM ${text})`;
  const missing = `(${text} IS NULL OR ${trimmed} IN (${MISSING_TOKENS.map(quoteString).join(', ')}))`;
  const number = `toFloat64OrNull(${trimmed})`;
  return { missing, number, isNumber: `(${number} IS NOT NULL AND NOT isNaN(${number}))`, category: text };
}
