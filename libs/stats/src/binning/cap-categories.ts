/**
 * The name of the bucket that holds every category beyond the kept top K of a capped count
 * map. Chosen so it cannot be mistaken for a real value by accident; a feature whose real
 * values include it has them summed with the tail.
 */
export const OTHER_CATEGORY = '__other__';

/** Categories kept per feature and window when the policy does not say (`drift.maxCategories`). */
export const DEFAULT_MAX_CATEGORIES = 1000;

/** The largest `drift.maxCategories` a policy may set: one stored row holds at most this many + 1 keys. */
export const MAX_CATEGORIES_LIMIT = 10_000;

/**
 * `counts` with at most `k` named categories: the `k` largest by count (ties: the smaller name,
 * so the cut does not depend on insertion order) and, when anything was cut, `OTHER_CATEGORY`
 * with the sum of the rest (an `OTHER_CATEGORY` already in `counts` joins the rest, so capping
 * twice, or capping a sum of capped maps, keeps one tail). Returns `counts` itself when nothing
 * needs cutting; otherwise a new prototype-less record.
 */
export function capCategories(counts: Readonly<Record<string, number>>, k: number): Record<string, number> {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`capCategories: k must be a positive integer, got ${k}`);
  const keys = Object.keys(counts);
  const named = keys.length - (OTHER_CATEGORY in counts ? 1 : 0);
  if (named <= k) return counts as Record<string, number>;
  const entries = keys.filter((c) => c !== OTHER_CATEGORY).map((c) => [c, counts[c]] as const);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = Object.create(null) as Record<string, number>;
  let other = counts[OTHER_CATEGORY] ?? 0;
  for (let i = 0; i < entries.length; i++) {
    if (i < k) out[entries[i][0]] = entries[i][1];
    else other += entries[i][1];
  }
  out[OTHER_CATEGORY] = other;
  return out;
}

/** True when a count map was capped (holds the tail bucket). */
export function hasOtherCategory(counts: Readonly<Record<string, number>>): boolean {
  return (counts[OTHER_CATEGORY] ?? 0) > 0;
}
