import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import { mergePolicy } from './merge-policy';
import { parsePolicy, PolicyValidationError, validatePolicy } from './validate-policy';

function issuesOf(value: unknown): string[] {
  const r = validatePolicy(value);
  if (r.ok) throw new Error('expected the policy to be rejected');
  return r.issues;
}

describe('validatePolicy', () => {
  it('accepts an empty document: the defaults apply', () => {
    const r = validatePolicy({});
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.policy).toEqual(DEFAULT_POLICY);
  });

  it('accepts the defaults themselves written out in full', () => {
    expect(validatePolicy(structuredClone(DEFAULT_POLICY)).ok).toBe(true);
  });

  it('the README documents the defaults and a valid per-feature entry', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(readme)![1]) as Record<string, unknown>;
    const r = validatePolicy(documented);
    expect(r.ok).toBe(true);
    expect({ ...documented, features: {} }).toEqual(DEFAULT_POLICY);
  });

  it('names the field of every problem', () => {
    expect(issuesOf({ minWindowEvents: -1, missing: { increase: 2 }, dataset: { correction: 'holm' } })).toEqual([
      'minWindowEvents: expected an integer from 0 up, got -1',
      'missing.increase: expected a number from 0 to 1, got 2',
      'dataset.correction: expected one of none, bonferroni, benjamini-hochberg, got "holm"',
    ]);
  });

  it('rejects unknown fields instead of ignoring a typo', () => {
    expect(issuesOf({ mising: { increase: 0.1 } })[0]).toMatch(/^mising: unknown field \(expected minWindowEvents, drift, /);
    expect(issuesOf({ silence: { minEvent: 3 } })).toEqual(['silence.minEvent: unknown field (expected minEvents, afterWindows, severity)']);
  });

  it('checks per-feature settings under their feature name', () => {
    expect(issuesOf({ features: { income: { method: 'energy' }, age: { importance: -1 } } })).toEqual([
      'features.income.method: expected one of psi, jensenShannon, kullbackLeibler, hellinger, totalVariation, wasserstein, ks, chiSquare, twoProportionZ, got "energy"',
      'features.age.importance: expected a finite number >= 0, got -1',
    ]);
    expect(issuesOf({ features: { income: { threshold: 0.2 } } })).toEqual([
      'features.income.method: required with threshold or critical (their scale depends on the method)',
    ]);
  });

  it('keeps methods to the feature kind they fit', () => {
    expect(issuesOf({ drift: { numeric: { method: 'chiSquare' } } })[0]).toMatch(/^drift\.numeric\.method: expected one of auto, psi, /);
    expect(issuesOf({ drift: { categorical: { method: 'wasserstein' } } })[0]).toMatch(/^drift\.categorical\.method: /);
  });

  it('refuses a threshold without a method, whose scale would be ambiguous', () => {
    expect(issuesOf({ drift: { numeric: { threshold: 0.2 } } })[0]).toMatch(/^drift\.numeric\.threshold: set a method too/);
  });

  it('checks the order of the warning and critical levels', () => {
    expect(issuesOf({ drift: { numeric: { method: 'psi', threshold: 0.3, critical: 0.2 } } })).toEqual([
      'drift.numeric.critical: must be at least threshold (0.2 < 0.3)',
    ]);
    expect(issuesOf({ features: { x: { method: 'ks', threshold: 0.01, critical: 0.05 } } })).toEqual([
      'features.x.critical: a p-value level must be at most threshold (0.05 > 0.01)',
    ]);
    expect(issuesOf({ features: { x: { method: 'ks', threshold: 5 } } })).toEqual(['features.x.threshold: ks takes a p-value from 0 to 1, got 5']);
    // A lowered warning level alone can cross the default critical level: the merged policy is checked.
    expect(issuesOf({ missing: { increase: 0.3 } })).toEqual(['missing.critical: must be at least increase (0.2 < 0.3)']);
  });

  it('checks the reference section under its field names', () => {
    expect(issuesOf({ reference: { mode: 'lastWeek', lagSeconds: 30, minEvents: 0 } })).toEqual([
      'reference.mode: expected one of baseline, lagged, both, got "lastWeek"',
      'reference.lagSeconds: expected an integer from 60 to 31622400, got 30',
      'reference.minEvents: expected an integer from 1 up, got 0',
    ]);
    expect(issuesOf({ reference: { lag: 86400 } })).toEqual(['reference.lag: unknown field (expected mode, lagSeconds, minEvents)']);
    const r = validatePolicy({ reference: { mode: 'both', lagSeconds: 86400 } });
    expect(r.ok && r.policy.reference).toEqual({ mode: 'both', lagSeconds: 86400, minEvents: 1000 });
  });

  it('rejects documents that are not objects', () => {
    expect(issuesOf(null)).toEqual(['policy: expected an object, got null']);
    expect(issuesOf([])).toEqual(['policy: expected an object, got an array']);
    expect(issuesOf({ features: 3 })).toEqual(['features: expected an object of feature name to settings, got 3']);
  });

  it("takes the CLI's correction spelling bh and stores the policy's, benjamini-hochberg", () => {
    const r = validatePolicy({ dataset: { correction: 'bh', share: 0.3 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.dataset).toEqual({ correction: 'benjamini-hochberg', share: 0.3 });
    expect(r.policy.dataset.correction).toBe('benjamini-hochberg');
    expect(issuesOf({ dataset: { correction: 'BH' } })).toEqual(['dataset.correction: expected one of none, bonferroni, benjamini-hochberg, got "BH"']);
  });

  it('parsePolicy throws a PolicyValidationError listing the issues', () => {
    expect(() => parsePolicy({ alerting: { openAfter: 0 } })).toThrow(PolicyValidationError);
    expect(() => parsePolicy({ alerting: { openAfter: 0 } })).toThrow('invalid policy: alerting.openAfter: expected an integer from 1 to 1000, got 0');
  });
});

describe('mergePolicy', () => {
  it('overrides field by field and keeps the other defaults', () => {
    const p = mergePolicy({ missing: { increase: 0.1 }, alerting: { resolveAfter: 5 }, drift: { numeric: { method: 'psi' } } });
    expect(p.missing).toEqual({ increase: 0.1, critical: 0.2 });
    expect(p.alerting).toEqual({ openAfter: 1, resolveAfter: 5, cooldownSeconds: 3600 });
    expect(p.drift.numeric).toEqual({ method: 'psi', threshold: null, critical: null });
    expect(p.drift.categorical).toEqual(DEFAULT_POLICY.drift.categorical);
    expect(p.drift.falseAlarmRate).toBe(1);
  });

  it('drift.falseAlarmRate: a number above 0, or null (thresholds alone), merged without touching the drift rules', () => {
    expect(mergePolicy({ drift: { falseAlarmRate: 0.5 } }).drift).toEqual({ ...DEFAULT_POLICY.drift, falseAlarmRate: 0.5 });
    // null is a value, not "left out".
    expect(mergePolicy({ drift: { falseAlarmRate: null, numeric: { method: 'psi' } } }).drift).toMatchObject({ falseAlarmRate: null, numeric: { method: 'psi' } });
    expect(validatePolicy({ drift: { falseAlarmRate: null } }).ok).toBe(true);
    expect(issuesOf({ drift: { falseAlarmRate: 0 } })).toEqual(['drift.falseAlarmRate: expected a finite number > 0, got 0']);
  });

  it('a stored drift.minEvents (retired) is accepted, dropped, and noted with its replacement', () => {
    const r = validatePolicy({ drift: { minEvents: 1000, numeric: { method: 'psi' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.drift).toEqual({ numeric: { method: 'psi' } });
    expect(r.policy.drift).not.toHaveProperty('minEvents');
    expect(r.notes).toEqual([expect.stringMatching(/drift\.minEvents is retired .* drift\.falseAlarmRate/)]);
    expect(validatePolicy({ drift: { numeric: { method: 'psi' } } })).toMatchObject({ ok: true, notes: [] });
    // Still checked, so a malformed document is not silently taken.
    expect(issuesOf({ drift: { minEvents: -1 } })).toEqual(['drift.minEvents: expected an integer from 0 up, got -1']);
  });

  it('merges feature settings by name, onto a policy of its own', () => {
    const base = mergePolicy({ features: { income: { method: 'psi', threshold: 0.2 } } });
    const p = mergePolicy({ features: { income: { importance: 3 }, age: { ignore: true } } }, base);
    expect({ ...p.features }).toEqual({ income: { method: 'psi', threshold: 0.2, importance: 3 }, age: { ignore: true } });
    expect(DEFAULT_POLICY.features).toEqual({});
  });

  it('returns a copy: changing it leaves the defaults alone', () => {
    const p = mergePolicy(null);
    p.missing.increase = 0.9;
    expect(DEFAULT_POLICY.missing.increase).toBe(0.05);
  });
});

describe('validatePolicy: performance', () => {
  it('accepts a full section and merges it', () => {
    const r = validatePolicy({
      performance: {
        task: 'binary',
        metric: 'f1',
        tolerance: 0.03,
        critical: 0.1,
        confidence: 0.95,
        minLabelled: 50,
        minCoverage: 0.5,
        labelWaitSeconds: 0,
        detectors: [{ name: 'adwin', params: { delta: 0.002 }, severity: 'warning' }],
      },
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.policy.performance).toMatchObject({ task: 'binary', metric: 'f1', minLabelled: 50 });
  });

  it('names each performance field in its message', () => {
    expect(
      issuesOf({
        performance: {
          task: 'ranking',
          metric: 'auc',
          tolerance: -0.1,
          critical: 'high',
          confidence: 0.4,
          minLabelled: 0,
          minCoverage: 1.5,
          labelWaitSeconds: -1,
        },
      }),
    ).toEqual([
      'performance.task: expected one of auto, binary, multiclass, regression, got "ranking"',
      expect.stringMatching(/^performance\.metric: expected "auto" or one of accuracy, precision, .*rmse.*, got "auc"$/),
      'performance.tolerance: expected a finite number >= 0, got -0.1',
      'performance.critical: expected a finite number >= 0, got "high"',
      'performance.confidence: expected a number between 0.5 and 1 (both excluded), got 0.4',
      'performance.minLabelled: expected an integer from 1 up, got 0',
      'performance.minCoverage: expected a number from 0 to 1, got 1.5',
      'performance.labelWaitSeconds: expected a finite number >= 0, got -1',
    ]);
    expect(issuesOf({ performance: { confidence: 1 } })).toEqual(['performance.confidence: expected a number between 0.5 and 1 (both excluded), got 1']);
    expect(issuesOf({ performance: { tolerance: 0.2, critical: 0.1 } })).toEqual(['performance.critical: must be at least tolerance (0.1 < 0.2)']);
    expect(validatePolicy({ performance: { tolerance: null, critical: null } }).ok).toBe(true);
  });

  it('checks each detector: name, numeric params, severity, no unknown field', () => {
    expect(
      issuesOf({
        performance: {
          detectors: [
            { name: 'cusum', params: { delta: 'x', k: Number.POSITIVE_INFINITY }, severity: 'fatal' },
            { name: 'ddm', params: [], severity: 'warning', extra: 1 },
            { params: {} },
            { name: 'adwin', params: {}, severity: 'warning', tasks: ['binary', 'ranking'] },
            { name: 'adwin', params: {}, severity: 'warning', tasks: [] },
          ],
        },
      }),
    ).toEqual([
      'performance.detectors[0].name: expected one of adwin, ddm, eddm, hddmA, hddmW, kswin, pageHinkley, got "cusum"',
      'performance.detectors[0].params.delta: expected a finite number, got "x"',
      'performance.detectors[0].params.k: expected a finite number, got Infinity',
      'performance.detectors[0].severity: expected one of warning, critical, got "fatal"',
      'performance.detectors[1].params: expected an object of parameter name to number, got an array',
      'performance.detectors[1].extra: unknown field (expected name, params, severity, tasks)',
      'performance.detectors[2].name: required',
      'performance.detectors[2].severity: required',
      'performance.detectors[3].tasks[1]: expected one of binary, multiclass, regression, got "ranking"',
      'performance.detectors[4].tasks: expected a non-empty array of tasks (binary, multiclass, regression), got an array',
    ]);
    expect(validatePolicy({ performance: { detectors: [{ name: 'adwin', params: {}, severity: 'warning', tasks: ['regression'] }] } }).ok).toBe(true);
    expect(issuesOf({ performance: { detectors: { name: 'adwin' } } })).toEqual([
      'performance.detectors: expected an array of detectors ({ name, params, severity }), got an object',
    ]);
  });

  it('detectors given in the overrides replace the whole list; other performance fields keep their defaults', () => {
    const base = mergePolicy({ performance: { detectors: [{ name: 'adwin', params: {}, severity: 'warning' }, { name: 'ddm', params: {}, severity: 'critical' }] } });
    const p = mergePolicy({ performance: { detectors: [{ name: 'kswin', params: { alpha: 0.005 }, severity: 'warning' }] } }, base);
    expect(p.performance.detectors).toEqual([{ name: 'kswin', params: { alpha: 0.005 }, severity: 'warning' }]);
    expect(mergePolicy({ performance: { detectors: [] } }, base).performance.detectors).toEqual([]);
    expect(mergePolicy({ performance: { minLabelled: 7 } }, base).performance).toEqual({ ...base.performance, minLabelled: 7 });
  });
});
