import { describe, expect, it } from 'vitest';
import { PythonRandom } from './python-random';

// Printed by CPython 3.11: `r = random.Random(seed); [r.getrandbits(32) for _ in ...]` / `r.sample(range(n), k)`.
describe('PythonRandom', () => {
  it.each([
    [42, [2746317213, 478163327, 107420369]],
    [0, [3626764237, 1654615998]],
    [2 ** 40 + 5, [2166296868, 2220160828]],
  ])('draws CPython words for seed %d', (seed, words) => {
    const r = new PythonRandom(seed);
    expect(words.map(() => r.getrandbits(32))).toEqual(words);
  });

  it('samples like random.sample with the pool (small population)', () => {
    expect(new PythonRandom(42).sampleRange(70, 30)).toEqual([
      14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51,
      65,
    ]);
  });

  it('samples like random.sample with the set of picks (large population)', () => {
    expect(new PythonRandom(3).sampleRange(490, 10)).toEqual([121, 303, 278, 66, 189, 468, 309, 242, 320, 297]);
  });

  it('resumes the same stream from its state', () => {
    const r = new PythonRandom(7);
    r.sampleRange(100, 20);
    const copy = new PythonRandom(JSON.parse(JSON.stringify(r.state())));
    expect(copy.sampleRange(1000, 50)).toEqual(r.sampleRange(1000, 50));
  });
});
