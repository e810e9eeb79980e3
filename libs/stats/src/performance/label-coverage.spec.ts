import { describe, expect, it } from 'vitest';
import { labelCoverage } from './label-coverage';

describe('labelCoverage', () => {
  it('is labelled / predicted', () => {
    expect(labelCoverage(3, 4)).toEqual({ labelled: 3, predicted: 4, coverage: 0.75 });
    expect(labelCoverage(0, 10).coverage).toBe(0);
  });

  it('is null when nothing was predicted', () => {
    expect(labelCoverage(0, 0).coverage).toBeNull();
  });

  it('rejects negative, fractional or inconsistent counts', () => {
    expect(() => labelCoverage(-1, 3)).toThrow(RangeError);
    expect(() => labelCoverage(1.5, 3)).toThrow(RangeError);
    expect(() => labelCoverage(4, 3)).toThrow(RangeError);
  });
});
