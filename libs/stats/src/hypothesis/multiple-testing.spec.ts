import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectAllClose } from '../testing/expect-close.test-util';
import { benjaminiHochberg, bonferroni } from './multiple-testing';

describe('multiple-testing corrections against scipy', () => {
  it.each(coreFixture().multipleTesting.map((c) => [c.p.length, c]))('%i p-values', (_m, c) => {
    expectAllClose(bonferroni(c.p), c.bonferroni, 'bonferroni', 1e-12);
    expectAllClose(benjaminiHochberg(c.p), c.bh, "false_discovery_control(method='bh')", 1e-12);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => bonferroni([0.2, 1.5])).toThrow(/index 1 must be within \[0, 1\], got 1.5/);
    expect(() => benjaminiHochberg([NaN])).toThrow(/benjaminiHochberg: p-value at index 0/);
  });
});
