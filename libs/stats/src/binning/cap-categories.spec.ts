import { describe, expect, it } from 'vitest';
import { capCategories, hasOtherCategory, OTHER_CATEGORY } from './cap-categories';

describe('capCategories', () => {
  it('keeps the k largest and sums the rest into one tail bucket, preserving the total', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 50; i++) counts[`c${i}`] = i + 1;
    const capped = capCategories(counts, 10);
    expect(Object.keys(capped)).toHaveLength(11);
    expect(capped.c49).toBe(50);
    expect(capped.c40).toBe(41);
    expect(capped.c39).toBeUndefined();
    const total = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
    expect(total(capped)).toBe(total(counts));
    expect(capped[OTHER_CATEGORY]).toBe(total(counts) - (41 + 50) * 5);
    expect(hasOtherCategory(capped)).toBe(true);
  });

  it('returns the input unchanged under the cap and breaks ties by name, whatever the insertion order', () => {
    const small = { a: 1, b: 2 };
    expect(capCategories(small, 2)).toBe(small);
    expect({ ...capCategories({ z: 1, y: 1, x: 1 }, 2) }).toEqual({ x: 1, y: 1, [OTHER_CATEGORY]: 1 });
    expect({ ...capCategories({ x: 1, y: 1, z: 1 }, 2) }).toEqual({ x: 1, y: 1, [OTHER_CATEGORY]: 1 });
  });

  it('folds an existing tail into the new one, so capping a sum of capped maps keeps one tail', () => {
    const merged = { a: 5, b: 4, c: 3, [OTHER_CATEGORY]: 10 };
    expect({ ...capCategories(merged, 2) }).toEqual({ a: 5, b: 4, [OTHER_CATEGORY]: 13 });
    // Only named categories count against k.
    expect(capCategories({ a: 1, [OTHER_CATEGORY]: 2 }, 1)).toEqual({ a: 1, [OTHER_CATEGORY]: 2 });
  });

  it('treats "__proto__" as an ordinary category and refuses a bad k', () => {
    const counts = Object.assign(Object.create(null) as Record<string, number>, { ['__proto__']: 9, a: 1, b: 1 });
    const capped = capCategories(counts, 1);
    expect(Object.keys(capped)).toEqual(['__proto__', OTHER_CATEGORY]);
    expect(() => capCategories(counts, 0)).toThrow(/k must be a positive integer, got 0/);
  });
});
