import { cdfDistanceIntegral } from './cdf-distance.util';

/**
 * `scipy.stats.energy_distance(u, v)` = √2 · (∫(U − V)²)^½ over the empirical CDFs, in the
 * samples' unit. O(n + m) on sorted input.
 * @param refSorted ascending sample without NaN (see toSortedSample)
 * @param curSorted ascending sample without NaN
 * @throws RangeError when a sample is empty (scipy raises too)
 */
export function energyDistance(refSorted: Float64Array, curSorted: Float64Array): number {
  return energyOfIntegral(cdfDistanceIntegral(refSorted, curSorted, 2, 'energyDistance'));
}

/** The energy distance from the p = 2 integral. */
export function energyOfIntegral(integral: number): number {
  return Math.SQRT2 * Math.sqrt(integral);
}
