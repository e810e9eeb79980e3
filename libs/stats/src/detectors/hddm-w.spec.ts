import { describe, expect, it } from 'vitest';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';
import { HDDM_W_DEFAULTS, HDDMW, HDDMWSnapshot } from './hddm-w';

describe('HDDMW', () => {
  itMatchesRiver('HDDM_W', (p) => new HDDMW(p), (j) => HDDMW.fromJSON(j as HDDMWSnapshot));

  it("has River 0.26's defaults", () => {
    expect(HDDM_W_DEFAULTS).toEqual({
      driftConfidence: 0.001,
      warningConfidence: 0.005,
      lambdaVal: 0.05,
      twoSidedTest: false,
    });
  });

  it('detects the error-rate jump within 100 events, and not before it', () => {
    const { before, after } = delays(new HDDMW(), 'bernoulli-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(100);
  });
});
