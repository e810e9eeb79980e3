import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, FeatureEvaluation } from '@driftwatch/contracts';
import { AlerterMetrics } from './alerter.metrics';

const metrics = new AlerterMetrics();

function feature(name: string, metricsByName: Record<string, number | null>, detected = false): FeatureEvaluation {
  return {
    name,
    kind: 'numeric',
    importance: 1,
    metrics: metricsByName,
    drift: { detected, method: 'psi', value: metricsByName.psi ?? null, threshold: 0.1, severity: detected ? 'warning' : null },
    missingRate: 0,
    baselineMissingRate: 0,
    typeErrorRate: 0,
    newCategoryShare: 0,
    outOfRangeShare: 0,
  };
}

function evaluation(model: string, version: string, features: FeatureEvaluation[], o: Partial<EvaluationMessage> = {}): EvaluationMessage {
  return {
    schemaVersion: 1,
    evaluationId: `${model}-${Math.random()}`,
    modelId: model,
    modelVersion: version,
    granularity: 'window',
    windowStart: 0,
    windowEnd: 60_000,
    evaluatedAt: 61_000,
    baselineId: 'b',
    eventCount: 100,
    judged: true,
    features,
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: features.filter((f) => f.drift.detected).length / Math.max(1, features.length), threshold: 0.5, detected: false },
    findings: [],
    ...o,
  };
}

/** The series of a gauge as "label=value,… → value" lines, for readable comparisons. */
async function series(name: string): Promise<string[]> {
  const gauge = {
    driftwatch_feature_drift_score: metrics.driftScore,
    driftwatch_feature_drifted: metrics.featureDrifted,
    driftwatch_dataset_drift_share: metrics.datasetDriftShare,
    driftwatch_incidents_open: metrics.incidentsOpen,
  }[name];
  if (!gauge) throw new Error(name);
  const { values } = await gauge.get();
  return values
    .map((v) => `${Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(',')} → ${v.value}`)
    .sort();
}

describe('AlerterMetrics', () => {
  it('exports every finite metric of every feature, the drifted flag and the dataset share', async () => {
    metrics.observeEvaluation(evaluation('m', '1', [feature('income', { psi: 0.3, wasserstein: 0.12, ks_pvalue: null }, true), feature('age', { psi: 0.01 })]), 'evals:0');
    expect(await series('driftwatch_feature_drift_score')).toEqual([
      'model=m,model_version=1,feature=age,method=psi → 0.01',
      'model=m,model_version=1,feature=income,method=psi → 0.3',
      'model=m,model_version=1,feature=income,method=wasserstein → 0.12',
    ]);
    expect(await series('driftwatch_feature_drifted')).toEqual(['model=m,model_version=1,feature=age → 0', 'model=m,model_version=1,feature=income → 1']);
    expect(await series('driftwatch_dataset_drift_share')).toEqual(['model=m,model_version=1 → 0.5']);
  });

  it('removes the series of a feature that left the evaluation and of a method no longer computed', async () => {
    metrics.observeEvaluation(evaluation('m', '1', [feature('income', { psi: 0.2 })]), 'evals:0');
    expect(await series('driftwatch_feature_drift_score')).toEqual(['model=m,model_version=1,feature=income,method=psi → 0.2']);
    expect(await series('driftwatch_feature_drifted')).toEqual(['model=m,model_version=1,feature=income → 0']);
  });

  it('keeps the last values through an unjudged window and ignores rollups', async () => {
    metrics.observeEvaluation(evaluation('m', '1', [], { judged: false }), 'evals:0');
    metrics.observeEvaluation(evaluation('m', '1', [feature('income', { psi: 9 })], { granularity: 'rollup' }), 'evals:0');
    expect(await series('driftwatch_feature_drift_score')).toEqual(['model=m,model_version=1,feature=income,method=psi → 0.2']);
  });

  it('replaces the series of a model version by those of the next one, leaving other models alone', async () => {
    metrics.observeEvaluation(evaluation('other', '3', [feature('x', { psi: 0.5 })]), 'evals:1');
    metrics.observeEvaluation(evaluation('m', '2', [feature('income', { psi: 0.4 })]), 'evals:0');
    expect(await series('driftwatch_feature_drift_score')).toEqual([
      'model=m,model_version=2,feature=income,method=psi → 0.4',
      'model=other,model_version=3,feature=x,method=psi → 0.5',
    ]);
    expect(await series('driftwatch_dataset_drift_share')).toEqual(['model=m,model_version=2 → 0', 'model=other,model_version=3 → 0']);
  });

  it('drops the series of models whose partition this process no longer owns', async () => {
    metrics.keepPartitions(new Set(['evals:1']));
    expect(await series('driftwatch_feature_drift_score')).toEqual(['model=other,model_version=3,feature=x,method=psi → 0.5']);
    expect(await series('driftwatch_feature_drifted')).toEqual(['model=other,model_version=3,feature=x → 0']);
  });

  it('replaces the open-incident series with the store counts, so resolved ones disappear', async () => {
    metrics.setOpenIncidents([
      { modelId: 'm', kind: 'data_drift', severity: 'critical', count: 2 },
      { modelId: 'm', kind: 'silence', severity: 'warning', count: 1 },
    ]);
    metrics.setOpenIncidents([{ modelId: 'm', kind: 'data_drift', severity: 'critical', count: 1 }]);
    expect(await series('driftwatch_incidents_open')).toEqual(['model=m,kind=data_drift,severity=critical → 1']);
  });
});
