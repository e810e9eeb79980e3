/**
 * Σx and Σx² of a window's values as ordinary doubles overflow for values near 1e308 (or x² for
 * |x| above about 1.3e154): JavaScript gives Infinity, JSON turns it into null and ClickHouse
 * stores 0, so a window of huge values looked like a window of zeros. Sums are instead clamped to
 * ±Number.MAX_VALUE, and the clamp is sticky: a saturated sum is a flag meaning "too large to
 * know", never a value. Readers show no mean for it (isSaturatedSum).
 */
export const SATURATED_SUM = Number.MAX_VALUE;

/** a + b, clamped to ±SATURATED_SUM; once saturated (or not finite), it stays saturated. */
export function saturatingAdd(a: number, b: number): number {
  if (isSaturatedSum(a)) return a !== a ? SATURATED_SUM : Math.sign(a) * SATURATED_SUM;
  const r = a + b;
  if (Number.isFinite(r) && Math.abs(r) < SATURATED_SUM) return r;
  // NaN (from +∞ and −∞) has no sign: the magnitude is what is unknown.
  return r !== r ? SATURATED_SUM : Math.sign(r) * SATURATED_SUM;
}

/** True for a sum that overflowed (clamped, infinite, NaN, or null as read back from JSON). */
export function isSaturatedSum(v: number | null | undefined): boolean {
  return v === null || v === undefined || v !== v || Math.abs(v) >= SATURATED_SUM;
}
