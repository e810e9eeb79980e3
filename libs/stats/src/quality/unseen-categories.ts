/**
 * Categories of the current window that the baseline never saw, with their counts.
 * Categories with a zero count are left out: they did not occur.
 */
export function unseenCategories(
  baselineCategories: Iterable<string>,
  current: ReadonlyMap<string, number>,
): Map<string, number> {
  const known = baselineCategories instanceof Set ? (baselineCategories as ReadonlySet<string>) : new Set(baselineCategories);
  const unseen = new Map<string, number>();
  for (const [category, count] of current) {
    if (count !== 0 && !known.has(category)) unseen.set(category, count);
  }
  return unseen;
}
