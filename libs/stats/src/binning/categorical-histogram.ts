/**
 * Counts per baseline category, in the baseline's order, plus one last bucket holding every
 * category the baseline never saw (so `counts.length === categories.length + 1`); `unseen`
 * names those categories with their counts. Zero counts in `counts` (the map) are ignored
 * for `unseen`: a category that did not occur is not "new".
 */
export function categoricalHistogram(
  counts: ReadonlyMap<string, number>,
  categories: readonly string[],
): { counts: number[]; unseen: Map<string, number> } {
  const index = new Map<string, number>();
  categories.forEach((c, i) => {
    if (index.has(c)) throw new RangeError(`categoricalHistogram: duplicate baseline category ${JSON.stringify(c)}`);
    index.set(c, i);
  });
  const out = new Array<number>(categories.length + 1).fill(0);
  const unseen = new Map<string, number>();
  for (const [category, count] of counts) {
    const i = index.get(category);
    if (i !== undefined) {
      out[i] += count;
    } else if (count !== 0) {
      out[categories.length] += count;
      unseen.set(category, count);
    }
  }
  return { counts: out, unseen };
}
