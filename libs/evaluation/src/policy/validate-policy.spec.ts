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
    expect(p.drift.minEvents).toBe(1000);
  });

  it('drift.minEvents: an integer from 0 up, merged without touching the drift rules', () => {
    const p = mergePolicy({ drift: { minEvents: 2000 } });
    expect(p.drift).toEqual({ ...DEFAULT_POLICY.drift, minEvents: 2000 });
    expect(mergePolicy({ drift: { minEvents: 0, numeric: { method: 'psi' } } }).drift).toMatchObject({ minEvents: 0, numeric: { method: 'psi' } });
    expect(validatePolicy({ drift: { minEvents: 0 } }).ok).toBe(true);
    expect(issuesOf({ drift: { minEvents: -1 } })).toEqual(['drift.minEvents: expected an integer from 0 up, got -1']);
    expect(issuesOf({ drift: { minEvents: 1.5 } })).toEqual(['drift.minEvents: expected an integer from 0 up, got 1.5']);
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
