import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { linearQuantile, quantileEdges } from './quantile-edges';
import { toSortedSample } from './to-sorted-sample';

/** Bitwise equality: an edge one ulp off moves values sitting on it into another bin. */
function expectBitwiseEqual(actual: number[], expected: number[], label: string): void {
  expect(actual.length, `${label}: number of edges`).toBe(expected.length);
  actual.forEach((a, i) => expect(Object.is(a, expected[i]), `${label}[${i}]: ${a} !== numpy ${expected[i]}`).toBe(true));
}

describe('quantileEdges', () => {
  const fixture = coreFixture();

  it.each(fixture.quantiles.map((c) => [c.values.length, c.bins, c]))(
    'is bitwise equal to numpy for n=%i, B=%i',
    (_n, _b, c) => {
      expectBitwiseEqual(quantileEdges(Float64Array.from(c.values), c.bins), c.edges, 'edges');
    },
  );

  it.each(fixture.numeric.map((c) => [c.name, c]))('is bitwise equal to numpy on case %s (ties, collapses, skew)', (_name, c) => {
    expectBitwiseEqual(quantileEdges(toSortedSample(c.ref), c.bins), c.edges, c.name);
  });

  it('collapses the edges of a constant column to one value', () => {
    expect(quantileEdges(new Float64Array(20).fill(3.5))).toEqual([3.5]);
  });

  it('has no edges for an empty sample or a single bin', () => {
    expect(quantileEdges(new Float64Array(0))).toEqual([]);
    expect(quantileEdges(Float64Array.from([1, 2, 3]), 1)).toEqual([]);
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => quantileEdges(Float64Array.from([1, 2]), 0)).toThrow(/bins must be an integer >= 1/);
    expect(() => quantileEdges(Float64Array.from([1, 2]), 2.5)).toThrow(/bins/);
  });

  it('linearQuantile returns the ends at q = 0 and q = 1 and rejects q outside [0, 1]', () => {
    const sample = Float64Array.from([1, 2, 4]);
    expect(linearQuantile(sample, 0)).toBe(1);
    expect(linearQuantile(sample, 1)).toBe(4);
    expect(linearQuantile(sample, 0.75)).toBe(3);
    expect(() => linearQuantile(sample, 1.5)).toThrow(/q must be in \[0, 1\]/);
  });
});
