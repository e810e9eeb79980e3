// A ClickHouse server quotes 64-bit integers in JSON output by default and the embedded engine
// does not; these accept both so the same code reads either.

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toNumbers(values: unknown): number[] {
  return (values as unknown[]).map(toNumber);
}

export function toCountMap(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toNumber(v);
  return out;
}

/**
 * A summed Σx or Σx² read back: null (NaN from +∞ and −∞, which ClickHouse writes to JSON as
 * null) is an overflow, the saturated value Number.MAX_VALUE, never 0.
 */
export function toSum(value: unknown): number {
  return value === null || value === undefined ? Number.MAX_VALUE : toNumber(value);
}
