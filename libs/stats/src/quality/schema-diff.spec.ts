import { describe, expect, it } from 'vitest';
import { schemaDiff } from './schema-diff';
import { unseenCategories } from './unseen-categories';

describe('schemaDiff', () => {
  it('lists unknown and vanished feature names, sorted', () => {
    expect(schemaDiff(['income', 'age', 'region'], new Set(['zeta', 'income', 'Alpha', 'region']))).toEqual({
      unknown: ['Alpha', 'zeta'],
      vanished: ['age'],
    });
  });

  it('is empty for identical schemas', () => {
    expect(schemaDiff(['a', 'b'], ['b', 'a'])).toEqual({ unknown: [], vanished: [] });
  });
});

describe('unseenCategories', () => {
  it('returns current categories absent from the baseline with their counts, ignoring zero counts', () => {
    const unseen = unseenCategories(
      ['north', 'south'],
      new Map([
        ['north', 3],
        ['mars', 2],
        ['venus', 0],
      ]),
    );
    expect([...unseen]).toEqual([['mars', 2]]);
  });
});
