import { describe, expect, it } from 'vitest';
import type { EvaluationMessage, FeatureEvaluation } from '@driftwatch/contracts';
import { AlerterMetrics, MAX_PERFORMANCE_VERSIONS, MAX_SERIES_VERSIONS, PERFORMANCE_RETIRE_MS, VERSION_SERIES_RETIRE_MS } from './alerter.metrics';

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
    driftwatch_model_performance: metrics.modelPerformance,
    driftwatch_model_performance_baseline: metrics.modelPerformanceBaseline,
    driftwatch_label_coverage: metrics.labelCoverage,
  }[name];
  if (!gauge) throw new Error(name);
  const { values } = await gauge.get();
  return values
    .map((v) => `${Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(',')} → ${v.value}`)
    .sort();
}

describe('AlerterMetrics', () => {
  it('exports every finite metric of every feature, the drifted flag and the dataset share', async () => {
    metrics.observeEvaluation(evaluation('m', '1', [feature('income', { psi: 0.3, wasserstein: 0.12, ksPValue: null }, true), feature('age', { psi: 0.01 })]), 'evals:0');
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

  it('keeps the series of versions live together apart: a canary does not swap them every window, other models are left alone', async () => {
    metrics.observeEvaluation(evaluation('other', '3', [feature('x', { psi: 0.5 })]), 'evals:1');
    metrics.observeEvaluation(evaluation('m', '2', [feature('income', { psi: 0.4 }, true)]), 'evals:0');
    metrics.observeEvaluation(evaluation('m', '1', [feature('income', { psi: 0.05 })], { windowStart: 60_000 }), 'evals:0');
    metrics.observeEvaluation(evaluation('m', '2', [feature('income', { psi: 0.45 }, true)], { windowStart: 60_000 }), 'evals:0');
    expect(await series('driftwatch_feature_drift_score')).toEqual([
      'model=m,model_version=1,feature=income,method=psi → 0.05',
      'model=m,model_version=2,feature=income,method=psi → 0.45',
      'model=other,model_version=3,feature=x,method=psi → 0.5',
    ]);
    expect(await series('driftwatch_feature_drifted')).toEqual([
      'model=m,model_version=1,feature=income → 0',
      'model=m,model_version=2,feature=income → 1',
      'model=other,model_version=3,feature=x → 0',
    ]);
    expect(await series('driftwatch_dataset_drift_share')).toEqual(['model=m,model_version=1 → 0', 'model=m,model_version=2 → 1', 'model=other,model_version=3 → 0']);
  });

  it("retires a version's drift series a day of event time after its last judged window, and beyond the most recent versions", async () => {
    const late = 60_000 + VERSION_SERIES_RETIRE_MS;
    metrics.observeEvaluation(evaluation('m', '2', [feature('income', { psi: 0.3 })], { windowStart: late }), 'evals:0');
    // Version 1's last window (60 s) is exactly a day behind: still kept; a minute later it goes.
    expect((await series('driftwatch_dataset_drift_share')).filter((l) => l.startsWith('model=m,'))).toEqual(['model=m,model_version=1 → 0', 'model=m,model_version=2 → 0']);
    metrics.observeEvaluation(evaluation('m', '2', [feature('income', { psi: 0.3 })], { windowStart: late + 60_000 }), 'evals:0');
    expect((await series('driftwatch_feature_drift_score')).filter((l) => l.startsWith('model=m,'))).toEqual(['model=m,model_version=2,feature=income,method=psi → 0.3']);
    expect((await series('driftwatch_feature_drifted')).filter((l) => l.startsWith('model=m,'))).toEqual(['model=m,model_version=2,feature=income → 0']);

    for (let v = 0; v < MAX_SERIES_VERSIONS + 2; v++) {
      metrics.observeEvaluation(evaluation('many', `c${v}`, [feature('x', { psi: 0.1 })], { windowStart: (v + 1) * 60_000 }), 'evals:1');
    }
    const versions = (await series('driftwatch_dataset_drift_share')).filter((l) => l.startsWith('model=many,')).map((l) => /model_version=([^ ]+)/.exec(l)?.[1]);
    expect(versions).toEqual(Array.from({ length: MAX_SERIES_VERSIONS }, (_, i) => `c${i + 2}`));
    expect((await series('driftwatch_feature_drift_score')).filter((l) => l.startsWith('model=many,'))).toHaveLength(MAX_SERIES_VERSIONS);
  });

  it('drops the series of models whose partition this process no longer owns', async () => {
    metrics.keepPartitions(new Set(['evals:1']));
    expect((await series('driftwatch_feature_drift_score')).filter((l) => !l.startsWith('model=many,'))).toEqual(['model=other,model_version=3,feature=x,method=psi → 0.5']);
    expect((await series('driftwatch_feature_drifted')).filter((l) => !l.startsWith('model=many,'))).toEqual(['model=other,model_version=3,feature=x → 0']);
  });

  it('replaces the open-incident series with the store counts, per model version, so resolved ones disappear', async () => {
    metrics.setOpenIncidents([
      { modelId: 'm', modelVersion: '7', kind: 'data_drift', severity: 'critical', count: 2 },
      { modelId: 'm', modelVersion: '7', kind: 'silence', severity: 'warning', count: 1 },
    ]);
    metrics.setOpenIncidents([
      { modelId: 'm', modelVersion: '7', kind: 'data_drift', severity: 'critical', count: 1 },
      { modelId: 'm', modelVersion: '8', kind: 'data_drift', severity: 'critical', count: 1 },
    ]);
    expect(await series('driftwatch_incidents_open')).toEqual([
      'model=m,model_version=7,kind=data_drift,severity=critical → 1',
      'model=m,model_version=8,kind=data_drift,severity=critical → 1',
    ]);
  });
});

const HOUR = 3600_000;

/** The performance evaluation of model p's window starting at `hour` hours, with the watched metric's value. */
function performance(version: string, hour: number, value: number | null, o: Partial<EvaluationMessage> & { coverage?: number; metric?: string; baselineValue?: number | null } = {}): EvaluationMessage {
  const { coverage = 0.5, metric = 'rocAuc', baselineValue = 0.9, ...rest } = o;
  return evaluation('p', version, [], {
    windowStart: hour * HOUR,
    windowEnd: hour * HOUR + 60_000,
    subject: 'performance',
    dataset: { driftShare: 0, threshold: 0.5, detected: false },
    performance: { task: 'binary', predicted: 100, labelled: Math.round(coverage * 100), coverage, metric, value, baselineValue, interval: null, metrics: { [metric]: value } },
    ...rest,
  });
}

describe('AlerterMetrics: performance', () => {
  const m = new AlerterMetrics();
  const ofModel = async (name: string, model = 'p') => (await series(name)).filter((line) => line.startsWith(`model=${model},`));

  it('exports the watched metric, its baseline and the coverage of a performance evaluation, and leaves the drift series alone', async () => {
    m.observeEvaluation(evaluation('p', '1', [feature('income', { psi: 0.3 }, true)]), 'evals:0');
    m.observeEvaluation(performance('1', 0, 0.72, { coverage: 0.25 }), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=rocAuc → 0.72']);
    expect(await ofModel('driftwatch_model_performance_baseline')).toEqual(['model=p,model_version=1,metric=rocAuc → 0.9']);
    expect(await ofModel('driftwatch_label_coverage')).toEqual(['model=p,model_version=1 → 0.25']);
    // A performance evaluation has no features: it must not wipe the model's drift series.
    expect(await ofModel('driftwatch_feature_drift_score')).toEqual(['model=p,model_version=1,feature=income,method=psi → 0.3']);
    expect(await ofModel('driftwatch_dataset_drift_share')).toEqual(['model=p,model_version=1 → 1']);
    // Nor does a data evaluation touch the performance series.
    m.observeEvaluation(evaluation('p', '1', []), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=rocAuc → 0.72']);
  });

  it('keeps the last judged value through an unjudged window, whose coverage still shows', async () => {
    m.observeEvaluation(performance('1', 1, 0.1, { judged: false, coverage: 0.02 }), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=rocAuc → 0.72']);
    expect(await ofModel('driftwatch_label_coverage')).toEqual(['model=p,model_version=1 → 0.02']);
  });

  it('ignores an older window than the newest seen, and rollups', async () => {
    m.observeEvaluation(performance('1', 0, 0.5, { coverage: 0.9 }), 'evals:0');
    m.observeEvaluation(performance('1', 5, 0.4, { granularity: 'rollup' }), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=rocAuc → 0.72']);
    expect(await ofModel('driftwatch_label_coverage')).toEqual(['model=p,model_version=1 → 0.02']);
  });

  it('keeps versions side by side, drops a metric the policy no longer watches, and a value that is not computable', async () => {
    m.observeEvaluation(performance('2', 2, 0.81), 'evals:0');
    m.observeEvaluation(performance('1', 2, 0.7, { metric: 'accuracy', baselineValue: 0.8 }), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=accuracy → 0.7', 'model=p,model_version=2,metric=rocAuc → 0.81']);
    expect(await ofModel('driftwatch_model_performance_baseline')).toEqual(['model=p,model_version=1,metric=accuracy → 0.8', 'model=p,model_version=2,metric=rocAuc → 0.9']);
    m.observeEvaluation(performance('2', 3, null, { baselineValue: null }), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=1,metric=accuracy → 0.7']);
    expect(await ofModel('driftwatch_model_performance_baseline')).toEqual(['model=p,model_version=1,metric=accuracy → 0.8']);
    expect(await ofModel('driftwatch_label_coverage')).toEqual(['model=p,model_version=1 → 0.5', 'model=p,model_version=2 → 0.5']);
  });

  it('retires a version a day of event time after its last performance window, and beyond the most recent versions', async () => {
    m.observeEvaluation(performance('2', 2 + PERFORMANCE_RETIRE_MS / HOUR, 0.8), 'evals:0');
    // Version 1's last window (hour 2) is 24 h before the newest: still kept; an hour later it goes.
    expect((await ofModel('driftwatch_label_coverage')).map((l) => l.split(' ')[0])).toEqual(['model=p,model_version=1', 'model=p,model_version=2']);
    m.observeEvaluation(performance('2', 3 + PERFORMANCE_RETIRE_MS / HOUR, 0.8), 'evals:0');
    expect(await ofModel('driftwatch_model_performance')).toEqual(['model=p,model_version=2,metric=rocAuc → 0.8']);
    expect(await ofModel('driftwatch_model_performance_baseline')).toEqual(['model=p,model_version=2,metric=rocAuc → 0.9']);
    expect(await ofModel('driftwatch_label_coverage')).toEqual(['model=p,model_version=2 → 0.5']);

    const start = 30;
    for (let v = 0; v < MAX_PERFORMANCE_VERSIONS + 2; v++) m.observeEvaluation(performance(`c${v}`, start + v, 0.8), 'evals:0');
    const versions = (await ofModel('driftwatch_label_coverage')).map((l) => /model_version=([^ ]+)/.exec(l)?.[1]);
    expect(versions).toEqual(Array.from({ length: MAX_PERFORMANCE_VERSIONS }, (_, i) => `c${i + 2}`));
  });

  it("drops a model's performance series with its partition", async () => {
    m.observeEvaluation({ ...performance('1', 0, 0.8), modelId: 'q' }, 'evals:1');
    m.keepPartitions(new Set(['evals:1']));
    expect(await ofModel('driftwatch_model_performance')).toEqual([]);
    expect(await ofModel('driftwatch_label_coverage')).toEqual([]);
    expect(await ofModel('driftwatch_label_coverage', 'q')).toEqual(['model=q,model_version=1 → 0.5']);
  });
  it("starts a destination's delivery outcomes and attempt results at 0, by name and id, and counts on from there", async () => {
    const m = new AlerterMetrics();
    m.zeroDestinations([{ id: 'dest-zero', name: 'ops' }]);
    const of = async (metric: 'webhookDeliveries' | 'webhookAttempts') =>
      (await m[metric].get()).values.filter((v) => v.labels.destination_id === 'dest-zero').map((v) => `${v.labels.destination}/${v.labels.outcome ?? v.labels.result}=${v.value}`).sort();
    expect(await of('webhookDeliveries')).toEqual(['ops/delivered=0', 'ops/failed=0']);
    expect(await of('webhookAttempts')).toEqual(['ops/delivered=0', 'ops/failed=0', 'ops/refused=0', 'ops/retry=0']);
    m.webhookDeliveries.inc({ destination: 'ops', destination_id: 'dest-zero', outcome: 'failed' });
    m.zeroDestinations([{ id: 'dest-zero', name: 'ops' }]);
    expect(await of('webhookDeliveries')).toEqual(['ops/delivered=0', 'ops/failed=1']);
  });

  it('names the method label values the policy uses in the drift-score HELP text', async () => {
    const m = new AlerterMetrics();
    const help = (await m.driftScore.get()).help;
    expect(help).toContain('jensenShannon');
    expect(help).toContain('ksPValue');
    expect(help).not.toContain('jensen_shannon');
  });
});
