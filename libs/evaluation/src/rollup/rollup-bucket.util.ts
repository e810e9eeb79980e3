/**
 * The rollup bucket a closing window completes, or null. Buckets are epoch-aligned (like the
 * store's rollup) and hold the windows that START in them; the window whose end reaches the
 * bucket's end is the last of its bucket, so its close triggers the bucket's evaluation.
 * Windows as long as a bucket or longer have no rollup worth computing.
 */
export function completedBucket(windowStart: number, windowEnd: number, bucketMs: number): { start: number; end: number } | null {
  if (windowEnd - windowStart >= bucketMs) return null;
  const start = Math.floor(windowStart / bucketMs) * bucketMs;
  const end = start + bucketMs;
  return windowEnd >= end ? { start, end } : null;
}

/** The baseline a window's histograms were mostly binned against ('' when none). */
export function dominantBaselineId(features: readonly { baselineId: string; count: number; missing: number; typeErrors: number }[]): string {
  const weight = new Map<string, number>();
  for (const f of features) {
    if (!f.baselineId) continue;
    weight.set(f.baselineId, (weight.get(f.baselineId) ?? 0) + f.count + f.missing + f.typeErrors + 1);
  }
  let best = '';
  let bestWeight = -1;
  for (const [id, w] of weight) {
    if (w > bestWeight || (w === bestWeight && id > best)) {
      best = id;
      bestWeight = w;
    }
  }
  return best;
}
