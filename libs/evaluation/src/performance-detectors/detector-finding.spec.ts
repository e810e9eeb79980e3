import { describe, expect, it } from 'vitest';
import type { DetectorFiring } from './detector-bank';
import { detectorFinding } from './detector-finding';

const firing: DetectorFiring = {
  detector: 'hddmA',
  params: { driftConfidence: 1e-5, warningConfidence: 1e-4, twoSidedTest: false },
  severity: 'critical',
  eventId: 'e42',
  eventTime: Date.UTC(2026, 0, 15, 10),
  index: 3120,
  errorBefore: 0.15,
  errorAfter: 0.45,
};

describe('detectorFinding', () => {
  it('is a model-level performance_degradation naming the detector, with the errors before and after', () => {
    const f = detectorFinding(firing, { task: 'binary', coverage: 0.8, labelled: 640 });
    expect(f).toMatchObject({ kind: 'performance_degradation', feature: null, severity: 'critical', metric: 'hddmA', value: 0.45, threshold: 0.15 });
    expect(f.details).toEqual({
      detector: 'hddmA',
      params: firing.params,
      index: 3120,
      eventId: 'e42',
      eventTime: firing.eventTime,
      errorBefore: 0.15,
      errorAfter: 0.45,
      coverage: 0.8,
      labelled: 640,
    });
    expect(f.message).toBe('HDDMA detected a rise in the error rate from 15.0 % to 45.0 % at labelled prediction 3,120 (event e42, 2026-01-15T10:00:00.000Z).');
  });

  it('speaks of the mean absolute error for regression and leaves out what is not known', () => {
    const f = detectorFinding({ ...firing, detector: 'adwin', errorBefore: 0.8, errorAfter: 1.2346 }, { task: 'regression' });
    expect(f.message).toMatch(/^ADWIN detected a rise in the mean absolute error from 0\.8 to 1\.235 /);
    expect(f.details).not.toHaveProperty('coverage');
    expect(f.details).not.toHaveProperty('labelled');
  });
});
