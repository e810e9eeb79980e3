import { describe, expect, it } from 'vitest';
import { kstwoSf } from './kolmogorov-n';
import { smirnovSf } from './smirnov';
import { closeTo, fixtures } from './two-sample-fixtures.test-util';

describe('kstwoSf reproduces scipy.stats.kstwo.sf over every branch of _kolmogn', () => {
  it.each(fixtures.kstwoSf)('n=%i d=%f', (n, d, expected) => {
    const p = kstwoSf(d, n);
    expect(closeTo(p, expected, 1e-6, 1e-15), `${p} vs ${expected}`).toBe(true);
  });
});

describe('smirnovSf reproduces scipy.special.smirnov', () => {
  it.each(fixtures.smirnov)('n=%i x=%f', (n, x, expected) => {
    const p = smirnovSf(n, x);
    expect(closeTo(p, expected, 1e-6, 1e-15), `${p} vs ${expected}`).toBe(true);
  });
});
