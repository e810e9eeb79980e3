import { describe, expect, it } from 'vitest';
import { percent } from './render-table';

describe('percent', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.0005, '0.05%'],
    [0.00001, '<0.01%'],
    [0.0001, '0.01%'],
    [0.00456, '0.46%'],
    [0.0125, '1.25%'],
    [0.123456, '12.3%'],
    [0.5, '50%'],
    [0.99999, '>99.99%'],
  ])('%f → %s', (share, shown) => {
    expect(percent(share)).toBe(shown);
  });
});
