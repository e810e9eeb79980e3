import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('evicts the least recently used entry past its capacity, a read counting as a use', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(m.has('b')).toBe(false);
    m.set('a', 10);
    m.set('d', 4);
    expect([...m.keys()]).toEqual(['a', 'd']);
    expect(m.get('a')).toBe(10);
    expect(m.size).toBe(2);
  });

  it('stays at its capacity under many distinct keys and refuses a bad capacity', () => {
    const m = new LruMap<number, number>(100);
    for (let i = 0; i < 100_000; i++) m.set(i, i);
    expect(m.size).toBe(100);
    expect(m.get(99_999)).toBe(99_999);
    expect(m.get(0)).toBeUndefined();
    expect(() => new LruMap(0)).toThrow(/capacity must be a positive integer, got 0/);
  });
});
