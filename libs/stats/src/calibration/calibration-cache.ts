/**
 * Window sizes share a null quantile within a geometric grid of 10 % steps: the bucket is
 * floor(ln n / ln 1.1) and the quantile is drawn at the bucket's smallest size, so it is never
 * below the one of the exact size (a distance's noise falls as n grows) and at most about 5 %
 * above it (the noise scales as 1/√n). Below 10 values every size is its own bucket.
 */
export function sizeBucket(n: number): number {
  if (n < 10) return Math.max(0, Math.floor(n));
  const step = Math.floor(Math.log(n) / Math.log(1.1));
  return Math.max(10, Math.ceil(1.1 ** step - 1e-9));
}

/**
 * A bounded least-recently-used map of null quantiles. The evaluator judges thousands of
 * windows per baseline with a few sizes each: the key is (baseline, feature, method, size
 * bucket, level, the reference counts' fingerprint), so a replaced baseline never reuses a
 * stale entry, and the bound keeps a long-running evaluator's memory flat however many models
 * and sizes it sees. Values are deterministic for their key, so the cache changes no result.
 */
export class CalibrationCache {
  private readonly entries = new Map<string, number>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = 20_000) {
    if (!(maxEntries >= 1)) throw new RangeError(`CalibrationCache: maxEntries must be >= 1, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  getOrCompute(key: string, compute: () => number): number {
    const found = this.entries.get(key);
    if (found !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

/** FNV-1a of a string: the seed of a key's draws and the fingerprint of reference counts. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
