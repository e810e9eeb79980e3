import { describe, expect, it } from 'vitest';
import { DDM, DDM_DEFAULTS, DDMSnapshot } from './ddm';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';

describe('DDM', () => {
  itMatchesRiver('DDM', (p) => new DDM(p), (j) => DDM.fromJSON(j as DDMSnapshot));

  it("has River 0.26's defaults", () => {
    expect(DDM_DEFAULTS).toEqual({ warmStart: 30, warningThreshold: 2, driftThreshold: 3 });
  });

  it('detects the error-rate jump within 100 events, and not before it', () => {
    const { before, after } = delays(new DDM(), 'bernoulli-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(100);
  });

  it('accepts booleans', () => {
    const a = new DDM();
    const b = new DDM();
    for (let i = 0; i < 200; i++) {
      a.update(i % 7 === 0);
      b.update(i % 7 === 0 ? 1 : 0);
    }
    expect(a.toJSON()).toEqual(b.toJSON());
  });
});
