import { describe, expect, it } from 'vitest';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';
import { PAGE_HINKLEY_DEFAULTS, PageHinkley, PageHinkleySnapshot } from './page-hinkley';

describe('PageHinkley', () => {
  itMatchesRiver('PageHinkley', (p) => new PageHinkley(p), (j) => PageHinkley.fromJSON(j as PageHinkleySnapshot));

  it("has River 0.26's defaults", () => {
    expect(PAGE_HINKLEY_DEFAULTS).toEqual({ minInstances: 30, delta: 0.005, threshold: 50, alpha: 0.9999, mode: 'both' });
  });

  it('detects the abrupt mean shift within 50 events, and not before it', () => {
    const { before, after } = delays(new PageHinkley(), 'gaussian-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(50);
  });

  it('rejects an unknown mode', () => {
    expect(() => new PageHinkley({ mode: 'sideways' as never })).toThrow(RangeError);
  });
});
