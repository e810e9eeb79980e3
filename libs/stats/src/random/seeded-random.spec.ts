import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

// Reference draws from the Python mulberry32 of libs/stats/scripts/gen_two_sample_fixtures.py
// (`mulberry32(seed)() / 2**32`), an implementation independent of this one.
const REFERENCE: [number, number[]][] = [
  [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
  [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
  [2 ** 32 - 1, [0.8964226141106337, 0.189478256739676, 0.7156526781618595]],
];

describe('seededRandom', () => {
  it.each(REFERENCE)('draws the mulberry32 stream for seed %d', (seed, draws) => {
    const { uniform } = seededRandom(seed);
    expect([uniform(), uniform(), uniform()]).toEqual(draws);
  });

  it('draws normals by Box–Muller from two uniforms of the same stream', () => {
    const [u1, u2] = REFERENCE[0][1];
    expect(seededRandom(1).normal()).toBeCloseTo(Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2), 15);
  });
});
