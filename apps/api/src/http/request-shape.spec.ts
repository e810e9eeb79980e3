import { describe, expect, it } from 'vitest';
import { depthExceeds } from './request-shape';

describe('depthExceeds', () => {
  const nest = (depth: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
    return v;
  };

  it('counts objects and arrays as levels, scalars as none', () => {
    expect(depthExceeds(1, 0)).toBe(false);
    expect(depthExceeds({}, 0)).toBe(true);
    expect(depthExceeds(nest(3), 3)).toBe(false);
    expect(depthExceeds(nest(4), 3)).toBe(true);
  });

  it('finds the deep branch beside shallow ones', () => {
    expect(depthExceeds({ a: 1, b: { c: [1, 2] }, d: nest(10) }, 8)).toBe(true);
  });

  it('measures 1,000,000 levels without overflowing the stack', () => {
    expect(depthExceeds(nest(1_000_000), 32)).toBe(true);
  });
});
