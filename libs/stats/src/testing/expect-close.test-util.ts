import { expect } from 'vitest';
import { seededRandom } from '../random';

/**
 * Tolerances of the lib's contract with numpy/scipy: distances and statistics agree to
 * 1e-9 relative; p-values to 1e-6 relative or 1e-15 absolute (special functions differ
 * from scipy's cephes in the last digits, and far-tail p-values are tiny).
 */
export const STATISTIC_REL = 1e-9;
export const P_VALUE_REL = 1e-6;
export const P_VALUE_ABS = 1e-15;

/** |actual − expected| <= max(rel·|expected|, abs); NaN matches NaN and ±Infinity matches itself. */
export function expectClose(actual: number, expected: number, label: string, rel = STATISTIC_REL, abs = 0): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  const error = Math.abs(actual - expected);
  expect(error <= tolerance, `${label}: got ${actual}, expected ${expected} (error ${error} > ${tolerance})`).toBe(true);
}

export function expectPValueClose(actual: number, expected: number, label: string): void {
  expectClose(actual, expected, label, P_VALUE_REL, P_VALUE_ABS);
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, rel = STATISTIC_REL): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${label}[${i}]`, rel);
}

/** Uniform draws for property tests: failures replay from the seed. */
export function seededUniform(seed: number): () => number {
  return seededRandom(seed).uniform;
}
