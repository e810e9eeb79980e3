import { describe, expect, it } from 'vitest';
import { parseBooleanCell, parseNumericCell } from './parse-cell';

describe('parseNumericCell', () => {
  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['1e3', 1000],
    ['.5', 0.5],
    [' 7 ', 7],
    ['0', 0],
    ['-0', -0],
    ['Infinity', Infinity],
    ['-inf', -Infinity],
    ['+Inf', Infinity],
    ['INFINITY', Infinity],
  ])('reads %j as %d', (raw, value) => {
    expect(parseNumericCell(raw)).toBe(value);
  });

  it.each(['', '   ', 'NA', 'null', 'NaN', 'N/A', ' NULL '])('reads %j as missing', (raw) => {
    expect(parseNumericCell(raw)).toBeNull();
  });

  it.each(['abc', '12abc', '1,5', '$12', '0x1F', '0b101', '0o17', 'nan', 'true', '1 2'])('reads %j as a type error', (raw) => {
    expect(parseNumericCell(raw)).toBe('type-error');
  });
});

describe('parseBooleanCell', () => {
  it('reads true/false in any case and 1/0, missing tokens as null, anything else as a type error', () => {
    expect(['true', 'FALSE', '1', '0', ' True ', 'NA', '', 'yes'].map(parseBooleanCell)).toEqual([
      true,
      false,
      true,
      false,
      true,
      null,
      null,
      'type-error',
    ]);
  });
});
