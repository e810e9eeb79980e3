import { describe, expect, it } from 'vitest';
import { infToNull, nullToInf, toValue } from './drift-detector';

describe('drift-detector helpers', () => {
  it('maps booleans to 1/0 and leaves numbers alone', () => {
    expect([toValue(true), toValue(false), toValue(0.25)]).toEqual([1, 0, 0.25]);
  });

  it('round-trips infinities through null', () => {
    expect(infToNull(Infinity)).toBeNull();
    expect(nullToInf(infToNull(Infinity))).toBe(Infinity);
    expect(nullToInf(null, -1)).toBe(-Infinity);
    expect(nullToInf(infToNull(2.5))).toBe(2.5);
  });
});
