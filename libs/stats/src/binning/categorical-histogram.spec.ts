import { describe, expect, it } from 'vitest';
import { categoricalHistogram } from './categorical-histogram';

describe('categoricalHistogram', () => {
  it('counts baseline categories in baseline order and pools unseen ones in one last bucket', () => {
    const { counts, unseen } = categoricalHistogram(
      new Map([
        ['south', 4],
        ['west', 2],
        ['north', 7],
        ['mars', 1],
      ]),
      ['north', 'south', 'east'],
    );
    expect(counts).toEqual([7, 4, 0, 3]);
    expect([...unseen]).toEqual([
      ['west', 2],
      ['mars', 1],
    ]);
  });

  it('has one empty unseen bucket when every category is known', () => {
    const { counts, unseen } = categoricalHistogram(new Map([['a', 2]]), ['a', 'b']);
    expect(counts).toEqual([2, 0, 0]);
    expect(unseen.size).toBe(0);
  });

  it('does not report a category with a zero count as unseen', () => {
    expect(categoricalHistogram(new Map([['z', 0]]), ['a']).unseen.size).toBe(0);
  });

  it('handles an empty baseline: everything is unseen', () => {
    expect(categoricalHistogram(new Map([['a', 3]]), []).counts).toEqual([3]);
  });

  it('rejects duplicated baseline categories, which would make bins ambiguous', () => {
    expect(() => categoricalHistogram(new Map(), ['a', 'a'])).toThrow(/duplicate baseline category "a"/);
  });
});
