import { describe, expect, it } from 'vitest';
import { seededRandom } from '@driftwatch/stats';
import { radixSortFloat64 } from './radix-sort.util';

const seeded = (seed: number): (() => number) => seededRandom(seed).uniform;

/** The built-in numeric sort is the reference order (it sorts -0 before +0). */
function expectSameAsBuiltin(values: Float64Array): void {
  const want = values.slice().sort();
  const got = radixSortFloat64(values.slice());
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`index ${i}: ${got[i]} vs ${want[i]}`);
  }
}

describe('radixSortFloat64', () => {
  it('sorts like Float64Array#sort: signs, zeros, infinities, subnormals, ties', () => {
    const rand = seeded(7);
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    const values = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 10 === 0 ? special[i % special.length] : i % 3 === 0 ? Math.round(rand() * 20 - 10) : (rand() - 0.5) * 10 ** (rand() * 40 - 20),
    );
    expectSameAsBuiltin(values);
  });

  it('sorts samples whose high bits are all equal (skipped passes)', () => {
    const rand = seeded(11);
    expectSameAsBuiltin(Float64Array.from({ length: 3000 }, () => 1 + rand() * 1e-9));
    expectSameAsBuiltin(new Float64Array(2000).fill(3.25));
  });

  it('sorts small arrays and a subarray view in place', () => {
    expectSameAsBuiltin(Float64Array.from([3, -1, 2]));
    const backing = Float64Array.from({ length: 1200 }, (_, i) => (i * 7919) % 1201);
    const view = backing.subarray(100, 1100);
    const want = view.slice().sort();
    expect(radixSortFloat64(view)).toBe(view);
    expect(Array.from(view)).toEqual(Array.from(want));
    expect(backing[0]).toBe(0);
  });
});
