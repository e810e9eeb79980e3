/**
 * The lib's sample functions take ascending-sorted Float64Arrays without NaN (callers sort once and
 * reuse the array across tests). A wrong input silently gives a wrong p-value, so check it: O(n).
 */
export function assertSortedSample(sample: Float64Array, name: string, minSize = 1): void {
  if (sample.length < minSize) {
    throw new RangeError(`${name} must hold at least ${minSize} value(s), got ${sample.length}`);
  }
  let prev = -Infinity;
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i];
    if (!(v >= prev)) {
      throw new RangeError(
        Number.isNaN(v)
          ? `${name} contains NaN at index ${i}; drop missing values before testing`
          : `${name} is not sorted ascending at index ${i}; pass Float64Array.from(values).sort()`,
      );
    }
    prev = v;
  }
}
