import { describe, expect, it } from 'vitest';
import { addNumericValue, emptyFeatureTally, mergeFeatureTallies, type NumericBinSpec } from './feature-tally';
import { isSaturatedSum, SATURATED_SUM, saturatingAdd } from './saturating-sum';

const spec: NumericBinSpec = { kind: 'numeric', edges: [0], min: -Infinity, max: Infinity };

describe('saturatingAdd', () => {
  it('adds like + within the double range', () => {
    expect(saturatingAdd(1.5, 2.25)).toBe(3.75);
    expect(saturatingAdd(-1e307, 1e307)).toBe(0);
  });

  it('clamps an overflow to ±MAX_VALUE and keeps it there (a flag, not a value)', () => {
    expect(saturatingAdd(1e308, 1e308)).toBe(SATURATED_SUM);
    expect(saturatingAdd(-1e308, -1e308)).toBe(-SATURATED_SUM);
    // Sticky: a later value of the other sign does not bring a saturated sum back.
    expect(saturatingAdd(SATURATED_SUM, -1e308)).toBe(SATURATED_SUM);
    expect(saturatingAdd(Infinity, 1)).toBe(SATURATED_SUM);
    expect(saturatingAdd(NaN, 1)).toBe(SATURATED_SUM);
    expect(isSaturatedSum(SATURATED_SUM) && isSaturatedSum(-SATURATED_SUM) && isSaturatedSum(null)).toBe(true);
    expect(isSaturatedSum(1e308)).toBe(false);
  });

  it('keeps a tally of values near 1e308 finite and flagged, through merges too, and JSON-safe', () => {
    const h = emptyFeatureTally(spec);
    for (const x of [1e308, 1.5e308, 1.7e308]) addNumericValue(h, spec, x);
    expect(h.sum).toBe(SATURATED_SUM);
    expect(h.sumSq).toBe(SATURATED_SUM);
    expect(JSON.parse(JSON.stringify(h)).sum).toBe(SATURATED_SUM);
    const small = emptyFeatureTally(spec);
    addNumericValue(small, spec, 2);
    const merged = mergeFeatureTallies(small, h);
    expect(merged.sum).toBe(SATURATED_SUM);
    expect(mergeFeatureTallies(small, small).sum).toBe(4);
    // x² overflows long before x: 1e200 alone saturates Σx² but not Σx.
    const wide = emptyFeatureTally(spec);
    addNumericValue(wide, spec, 1e200);
    expect([wide.sum, wide.sumSq]).toEqual([1e200, SATURATED_SUM]);
  });
});
