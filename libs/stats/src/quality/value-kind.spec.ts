import { describe, expect, it } from 'vitest';
import { categoryKey, classifyValue, fitsFeatureKind, valueKind } from './value-kind';

describe('valueKind', () => {
  it('names the JSON kind of an event value', () => {
    expect([1.5, 2n, 'x', true, null, undefined, {}, [1]].map(valueKind)).toEqual([
      'number',
      'number',
      'string',
      'boolean',
      'null',
      'null',
      'other',
      'other',
    ]);
  });
});

describe('classifyValue / fitsFeatureKind', () => {
  it('treats a numeric-looking string in a numeric feature as a type error (int→string schema change)', () => {
    expect(classifyValue('42', 'numeric')).toBe('type-error');
    expect(fitsFeatureKind('42', 'numeric')).toBe(false);
  });

  it('accepts numbers in numeric features, NaN and null being missing', () => {
    expect(classifyValue(3, 'numeric')).toBe('valid');
    expect(classifyValue(NaN, 'numeric')).toBe('missing');
    expect(classifyValue(null, 'numeric')).toBe('missing');
    expect(classifyValue(undefined, 'categorical')).toBe('missing');
    expect(classifyValue(true, 'numeric')).toBe('type-error');
    expect(classifyValue({ a: 1 }, 'numeric')).toBe('type-error');
  });

  it('accepts strings and integer-coded numbers in categorical features, not booleans', () => {
    expect(classifyValue('north', 'categorical')).toBe('valid');
    expect(classifyValue(3, 'categorical')).toBe('valid');
    expect(classifyValue(false, 'categorical')).toBe('type-error');
    expect(classifyValue([], 'categorical')).toBe('type-error');
  });

  it('accepts only booleans in boolean features', () => {
    expect(classifyValue(true, 'boolean')).toBe('valid');
    expect(classifyValue('true', 'boolean')).toBe('type-error');
    expect(classifyValue(1, 'boolean')).toBe('type-error');
  });

  it('lets missing values fit every kind (they are counted as missing, not as type errors)', () => {
    expect(fitsFeatureKind(null, 'boolean')).toBe(true);
  });

  it('keys categories by their string form', () => {
    expect([categoryKey('a'), categoryKey(3), categoryKey(true)]).toEqual(['a', '3', 'true']);
  });
});
