import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, FeatureEvaluation, Finding } from '../events/evaluation';
import { decodeEvaluation, encodeEvaluation } from './evaluation.codec';
import { findingImpact, withoutExplanation } from '../events/drift-explanation';
import { trimEvaluation } from './evaluation-trim';

/** A 1 000-feature window where every third feature drifted, with full evidence on each finding. */
function wideEvaluation(features = 1_000): EvaluationMessage {
  const evals: FeatureEvaluation[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < features; i++) {
    const name = `feature_${String(i).padStart(4, '0')}`;
    const drifted = i % 3 === 0;
    const metrics = Object.fromEntries(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein', 'ks', 'chiSquare'].map((m, k) => [m, (i + k) / 1_000]));
    evals.push({
      name,
      kind: 'numeric',
      importance: 1 / (i + 1),
      metrics,
      drift: { detected: drifted, method: 'wasserstein', value: metrics.wasserstein, threshold: 0.1, severity: drifted ? (i % 2 ? 'warning' : 'critical') : null },
      missingRate: 0,
      baselineMissingRate: 0,
      typeErrorRate: 0,
      newCategoryShare: 0,
      outOfRangeShare: 0,
    });
    if (drifted) {
      findings.push({
        kind: 'data_drift',
        feature: name,
        severity: i % 2 ? 'warning' : 'critical',
        metric: 'wasserstein',
        value: metrics.wasserstein,
        threshold: 0.1,
        message: `${name}: wasserstein ${metrics.wasserstein} ≥ 0.1 — ${'the distribution moved to the right of the baseline. '.repeat(5)}`,
        baseline: { count: 100_000, missingRate: 0, min: 0, max: 100, mean: 50, median: 50, topCategories: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`c${k}`, 0.05])) },
        current: { count: 2_000, missingRate: 0, min: 3, max: 130, mean: 61, median: 60 },
        details: { quantiles: Array.from({ length: 50 }, (_, k) => k * 2.5) },
      });
    }
  }
  return {
    schemaVersion: 1,
    evaluationId: 'a'.repeat(40),
    modelId: 'wide',
    modelVersion: '3',
    granularity: 'window',
    windowStart: 1_795_701_600_000,
    windowEnd: 1_795_701_660_000,
    evaluatedAt: 1_795_701_671_234,
    baselineId: 'b-1',
    eventCount: 2_000,
    judged: true,
    features: evals,
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0.334, threshold: 0.5, detected: false },
    findings,
  };
}

describe('trimEvaluation', () => {
  const wide = wideEvaluation();
  const size = encodeEvaluation(wide).length;

  it('leaves an evaluation that fits as it is', () => {
    expect(trimEvaluation(wide, size)).toBe(wide);
  });

  it.each([
    [700_000, ['finding evidence (baseline, current, details)']],
    [500_000, ['finding evidence (baseline, current, details)', 'feature metrics other than the deciding one']],
    [300_000, ['finding evidence (baseline, current, details)', 'feature metrics other than the deciding one', '666 features without findings']],
  ])('cuts a %i-byte limit with the fewest steps, keeps every finding, and says what went', (limit, steps) => {
    expect(size).toBeGreaterThan(780_000);
    const trimmed = trimEvaluation(wide, limit);
    const bytes = encodeEvaluation(trimmed);
    expect(bytes.length).toBeLessThanOrEqual(limit);
    expect(trimmed.evidenceTrimmed).toEqual({ originalBytes: size, removed: steps });
    expect(trimmed.findings.map((f) => [f.kind, f.feature, f.severity, f.value])).toEqual(wide.findings.map((f) => [f.kind, f.feature, f.severity, f.value]));
    const decoded = decodeEvaluation(bytes, { maxBytes: limit });
    expect(decoded.ok).toBe(true);
    // The features the alerter needs for its gauges are those that drifted: kept with their decision.
    for (const f of wide.features.filter((x) => x.drift.detected)) expect(trimmed.features.find((x) => x.name === f.name)?.drift).toEqual(f.drift);
  });

  it('as a last resort keeps the most severe findings only, and says how many went', () => {
    const trimmed = trimEvaluation(wide, 100_000);
    expect(encodeEvaluation(trimmed).length).toBeLessThanOrEqual(100_000);
    expect(trimmed.features).toEqual([]);
    expect(trimmed.findings).toHaveLength(wide.findings.filter((f) => f.severity === 'critical').length);
    expect(trimmed.findings.every((f) => f.severity === 'critical')).toBe(true);
    expect(trimmed.evidenceTrimmed!.removed.at(-1)).toMatch(/^\d+ least severe findings$/);
    expect(() => trimEvaluation(wide, 500)).toThrow(/cannot be cut to 500 bytes/);
  });

  it('gives up drift explanations first, keeping impact and the rest of the evidence', () => {
    const explained = {
      ...wide,
      findings: wide.findings.map((f) => ({
        ...f,
        details: {
          ...f.details,
          impact: 2.5,
          explanation: { method: 'wasserstein', additive: true, bins: 10, top: Array.from({ length: 5 }, (_, k) => ({ low: k, high: k + 1, baselineShare: 0.1, currentShare: 0.3, contribution: 0.05 })) },
        },
      })),
    };
    const full = encodeEvaluation(explained).length;
    const trimmed = trimEvaluation(explained, full - 1_000);
    expect(trimmed.evidenceTrimmed?.removed).toEqual(['drift explanations (details.explanation)']);
    expect(trimmed.findings.every((f) => f.details?.impact === 2.5 && !('explanation' in f.details) && f.baseline !== undefined)).toBe(true);
    expect(findingImpact(trimmed.findings[0])).toBe(2.5);
    expect(withoutExplanation(wide.findings[0])).toBe(wide.findings[0]);
  });
});
