import { describe, expect, it } from 'vitest';
import { isMissingToken, missingRate } from './missing';

describe('isMissingToken', () => {
  it.each(['', 'null', 'NULL', 'NA', 'NaN', 'N/A', '  ', ' NA ', '\tnull'])('%j is missing', (raw) => {
    expect(isMissingToken(raw)).toBe(true);
  });

  it.each(['0', 'nan', 'None', 'n/a', 'Null', 'NAN', '#N/A', 'NA2', 'north'])('%j is a value (the documented tokens are exact)', (raw) => {
    expect(isMissingToken(raw)).toBe(false);
  });
});

describe('missingRate', () => {
  it('is missing / total, and 0 for an empty window', () => {
    expect(missingRate(1, 4)).toBe(0.25);
    expect(missingRate(0, 0)).toBe(0);
  });
});
