import {
  EVALUATION_SCHEMA_VERSION,
  type Baseline,
  type EvaluationMessage,
  type FeatureEvaluation,
  type FeatureHistogram,
  type Finding,
  type Severity,
  type WindowAggregate,
} from '@driftwatch/contracts';
import { PREDICTION_FEATURE, correctDecisions, datasetDrift as datasetVerdict, decideDrift, exceedsThreshold, isPValueMethod, methodSpec } from '@driftwatch/stats';
import { driftAlpha, nullModel } from './calibrated-drift';
import type { Policy } from '../policy/policy.types';
import { driftEvidence, importanceFactor } from './drift-explanation';
import { capAndAlign } from './category-cap.util';
import { evaluationId } from './evaluation-id';
import { baselineSummary, observations, windowSummary } from './feature-summary';
import { fmt } from './format.util';
import { categoricalMetrics, numericMetrics, type Metrics } from './histogram-metrics';
import { featureImportance } from './importance';
import { qualityFindings } from './quality-findings';
import { decisionMetric, resolveDriftRule, type ResolvedDriftRule } from './resolve-drift-rule';
import type { LaggedChoice } from './lagged-reference';
import { importanceWeighted, type ImportanceContext } from './severity.util';
import { silenceFinding } from './silence';

type BaselineFeature = Baseline['features'][number];

export interface EvaluateWindowInput {
  /** The baseline the window was binned against; null for a model without one (nothing is judged). */
  baseline: Baseline | null;
  /** A window, or a rollup bucket summed from windows. */
  window: WindowAggregate;
  policy: Policy;
  /** Epoch ms, written as evaluatedAt. */
  now: number;
  granularity?: 'window' | 'rollup';
  /** JSON value kinds per feature where the baseline cannot account for them (unknown features, type errors), for evidence. */
  valueKinds?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * The lagged reference (chooseLaggedReference) when the policy's reference mode is not
   * 'baseline': drift is then judged against it, or against both, and the evaluation says which.
   */
  lagged?: LaggedChoice;
}

interface Judged {
  evaluation: FeatureEvaluation;
  rule: ResolvedDriftRule;
  value: number | null;
  /** The drift rule had a decision value: counts in the dataset share. */
  decided: boolean;
  /** The calibrated decision (kept by the dataset share's correction). */
  detected: boolean;
}

/**
 * Judges one window against its baseline and the model's policy: every metric that applies
 * per feature, the data-quality checks, the dataset drift share, then the findings with their
 * severities and evidence. Pure and deterministic (the id depends only on what was judged, and
 * so does the revision: the window's late events, see EvaluationMessage.revision).
 */
export function evaluateWindow(input: EvaluateWindowInput): EvaluationMessage {
  const message = judgeAgainst(input, input.baseline);
  const lagged = input.lagged;
  if (!lagged || input.policy.reference.mode === 'baseline') return message;
  message.reference = lagged.said;
  if (!message.judged || lagged.reference === null) return message;
  const other = judgeAgainst(input, lagged.reference);
  return lagged.said.kind === 'both' ? driftFromBoth(message, other) : driftFrom(message, other);
}

const DRIFT_KINDS: ReadonlySet<Finding['kind']> = new Set(['data_drift', 'prediction_drift', 'dataset_drift']);

/** Drift as `lagged` judged it; everything else (data quality, schema, silence) as the baseline did. */
function driftFrom(base: EvaluationMessage, lagged: EvaluationMessage): EvaluationMessage {
  const byName = new Map(lagged.features.map((f) => [f.name, f]));
  return {
    ...base,
    features: base.features.map((f) => {
      const l = byName.get(f.name);
      return l ? { ...f, metrics: l.metrics, drift: l.drift } : f;
    }),
    dataset: lagged.dataset,
    findings: [...base.findings.filter((f) => !DRIFT_KINDS.has(f.kind)), ...lagged.findings.filter((f) => DRIFT_KINDS.has(f.kind))],
  };
}

/**
 * Drift only where the baseline and the lagged reference both say so: a rhythm (the night
 * against an all-day baseline) drifts from the baseline but not from last week; a shift drifts
 * from both. The findings, metrics and severities kept are the baseline's.
 */
function driftFromBoth(base: EvaluationMessage, lagged: EvaluationMessage): EvaluationMessage {
  const laggedDrifted = new Set(lagged.features.filter((f) => f.drift.detected).map((f) => f.name));
  const laggedKinds = new Set(lagged.findings.filter((f) => DRIFT_KINDS.has(f.kind)).map((f) => `${f.kind}/${f.feature ?? ''}`));
  const dataset = base.dataset.detected && lagged.dataset.detected;
  return {
    ...base,
    features: base.features.map((f) =>
      f.drift.detected && !laggedDrifted.has(f.name) ? { ...f, drift: { ...f.drift, detected: false, severity: null } } : f,
    ),
    dataset: { ...base.dataset, driftShare: Math.min(base.dataset.driftShare, lagged.dataset.driftShare), detected: dataset },
    findings: base.findings.filter((f) => !DRIFT_KINDS.has(f.kind) || laggedKinds.has(`${f.kind}/${f.feature ?? ''}`)),
  };
}

function judgeAgainst(input: EvaluateWindowInput, baseline: Baseline | null): EvaluationMessage {
  const { window: w, policy } = input;
  const granularity = input.granularity ?? 'window';
  const findings: Finding[] = [];
  if (w.eventCount < policy.silence.minEvents) findings.push(silenceFinding(w.eventCount, policy));
  const judged = baseline !== null && w.eventCount >= policy.minWindowEvents && w.eventCount > 0;
  const message: EvaluationMessage = {
    schemaVersion: EVALUATION_SCHEMA_VERSION,
    evaluationId: evaluationId(w.modelId, w.modelVersion, granularity, w.windowStart, w.windowEnd),
    modelId: w.modelId,
    modelVersion: w.modelVersion,
    granularity,
    windowStart: w.windowStart,
    windowEnd: w.windowEnd,
    evaluatedAt: input.now,
    baselineId: baseline?.baselineId ?? null,
    eventCount: w.eventCount,
    judged,
    // The late events judged: grows with every late update, the same on a replay of the same data.
    revision: w.lateCount,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: policy.dataset.share, detected: false },
    findings,
    policy: { ...policy.alerting },
  };
  if (!judged) return message;

  const ignored = (name: string) => policy.features[name]?.ignore === true;
  const histograms = new Map(w.features.filter((h) => h.baselineId === baseline.baselineId).map((h) => [h.feature, h]));
  const ctx: ImportanceContext = { view: featureImportance(baseline, policy), policy };
  const judgedFeatures: Judged[] = [];
  // Every feature with a histogram is one more chance of a false signal in this window.
  const alpha = driftAlpha(policy, w.windowEnd - w.windowStart, baseline.features.filter((b) => !ignored(b.name) && histograms.has(b.name)).length);

  for (const stored of baseline.features) {
    if (ignored(stored.name)) continue;
    // The model's own output: judged like a feature of its kind, but it raises prediction_drift,
    // stays out of the dataset share and of the schema checks, and may be missing at will.
    const prediction = stored.name === PREDICTION_FEATURE;
    const summed = histograms.get(stored.name);
    if (!summed && prediction) continue;
    if (!summed) {
      // No row at all: the writer did not know the feature (e.g. binned against another baseline).
      message.schema.vanished.push(stored.name);
      findings.push(vanishedFinding(stored, policy.schema.vanishedSeverity));
      continue;
    }
    const { b, h } = capAndAlign(stored, summed, policy.drift.maxCategories);
    const judgedFeature = judgeFeature(b, h, baseline.rowCount, policy, ctx, { alpha, key: `${baseline.baselineId}/${b.name}` }, prediction);
    const f = judgedFeature.evaluation;
    if (prediction) {
      if (f.drift.detected) findings.push(driftFinding(b, h, judgedFeature, ctx, true));
    } else {
      judgedFeatures.push(judgedFeature);
      if (h.count === 0 && h.typeErrors === 0 && observations(h) > 0 && f.baselineMissingRate < 1) message.schema.vanished.push(b.name);
      if (f.drift.detected) findings.push(driftFinding(b, h, judgedFeature, ctx));
    }
    findings.push(...qualityFindings(b, h, f, ctx, input.valueKinds?.[b.name], { missing: !prediction }));
    message.features.push(f);
  }

  for (const h of w.features) {
    if (h.baselineId !== baseline.baselineId || ignored(h.feature) || h.feature === PREDICTION_FEATURE) continue;
    if (baseline.features.some((b) => b.name === h.feature)) continue;
    if (observations(h) === 0) continue;
    message.schema.unknown.push(h.feature);
    findings.push(unknownFinding(h, w.eventCount, policy.schema.unknownSeverity, input.valueKinds?.[h.feature]));
  }

  message.dataset = datasetDrift(judgedFeatures, policy);
  if (message.dataset.detected) {
    const drifted = judgedFeatures.filter((j) => j.evaluation.drift.detected).map((j) => j.evaluation.name);
    findings.push({
      kind: 'dataset_drift',
      feature: null,
      severity: policy.dataset.severity,
      metric: 'driftShare',
      value: message.dataset.driftShare,
      threshold: policy.dataset.share,
      message: `${fmt(message.dataset.driftShare * 100)}% of features drifted (≥ ${fmt(policy.dataset.share * 100)}%, correction ${policy.dataset.correction})`,
      details: { drifted, judged: judgedFeatures.filter((j) => j.decided).length, correction: policy.dataset.correction },
    });
  }
  return message;
}

function judgeFeature(
  b: BaselineFeature,
  h: FeatureHistogram,
  baselineRows: number,
  policy: Policy,
  ctx: ImportanceContext,
  calibration: { alpha: number | null; key: string },
  prediction = false,
): Judged {
  const rule = resolveDriftRule(b.name, b.kind, baselineRows, policy);
  let metrics: Metrics = {};
  if (h.count > 0 && b.count > 0) {
    metrics = b.kind === 'numeric' ? numericMetrics(b, h).metrics : categoricalMetrics(b, h);
  }
  const value = metrics[decisionMetric(rule.method)] ?? null;
  const decided = value !== null;
  // The threshold is the effect size that matters; the calibration asks it to be beyond what a
  // clean window of this size shows at the policy's false-alarm level (libs/stats decideDrift).
  const model = isPValueMethod(rule.method) ? null : nullModel(b, rule.method);
  const detected = decideDrift(
    rule.method,
    value,
    rule.threshold,
    calibration.alpha === null
      ? undefined
      : { alpha: calibration.alpha, ...(model ? { null: { ...model, key: calibration.key, n: h.count, value: model.windowValue?.(h) } } : {}) },
  ).detected;
  const level: Severity = exceedsThreshold(rule.method, value, rule.critical) ? 'critical' : 'warning';
  const total = observations(h);
  const baselineTotal = b.count + b.missing;
  const unseen = b.kind === 'numeric' ? 0 : Object.entries(h.categories).reduce((s, [c, n]) => s + (c in b.categories ? 0 : n), 0);
  return {
    rule,
    value,
    decided,
    detected,
    evaluation: {
      name: b.name,
      kind: b.kind,
      importance: ctx.view.normalised.get(b.name) ?? 0,
      metrics,
      // The prediction has no importance among the features: its levels alone decide.
      drift: {
        detected,
        method: rule.method,
        value,
        threshold: rule.threshold,
        severity: detected ? (prediction ? level : importanceWeighted(level, b.name, ctx)) : null,
      },
      missingRate: total > 0 ? h.missing / total : 0,
      baselineMissingRate: baselineTotal > 0 ? b.missing / baselineTotal : 0,
      typeErrorRate: total > 0 ? h.typeErrors / total : 0,
      newCategoryShare: h.count > 0 ? unseen / h.count : 0,
      outOfRangeShare: b.kind === 'numeric' && h.count > 0 && b.min !== null ? (h.outOfRangeLow + h.outOfRangeHigh) / h.count : 0,
    },
  };
}

/**
 * data_drift on a feature, or prediction_drift for the prediction feature: a model-level kind
 * (feature null) whose message and details name the feature it was judged on.
 */
function driftFinding(b: BaselineFeature, h: FeatureHistogram, j: Judged, ctx: ImportanceContext, prediction = false): Finding {
  const { rule, evaluation: f } = j;
  const evidence = driftEvidence(b, h, rule, j.value, importanceFactor(b.name, ctx, prediction));
  const p = isPValueMethod(rule.method);
  const shown = p ? `${rule.method} p-value` : rule.method;
  const op = DRIFT_SYMBOL[methodSpec(rule.method).drifts];
  return {
    kind: prediction ? 'prediction_drift' : 'data_drift',
    feature: prediction ? null : b.name,
    severity: f.drift.severity ?? 'warning',
    metric: decisionMetric(rule.method),
    value: j.value,
    threshold: rule.threshold,
    message: `${prediction ? `prediction (${b.name})` : b.name}: ${shown} ${fmt(j.value)} ${op} ${fmt(rule.threshold)} (${f.drift.severity})${evidence.messageTail}`,
    baseline: baselineSummary(b),
    current: windowSummary(b.kind, h),
    details: {
      ...(prediction ? { feature: b.name, kind: b.kind } : {}),
      critical: rule.critical,
      ...(prediction ? {} : { importance: f.importance }),
      metrics: f.metrics,
      ...evidence.details,
    },
  };
}

const DRIFT_SYMBOL = { '<=': '≤', '<': '<', '>=': '≥' } as const;

function vanishedFinding(b: BaselineFeature, severity: Severity): Finding {
  return {
    kind: 'schema_violation',
    feature: b.name,
    severity,
    metric: 'vanishedFeature',
    value: 1,
    threshold: 0,
    message: `${b.name}: baseline feature absent from the window`,
    baseline: baselineSummary(b),
    details: { reason: 'vanished' },
  };
}

function unknownFinding(h: FeatureHistogram, eventCount: number, severity: Severity, kinds: Readonly<Record<string, number>> | undefined): Finding {
  const share = eventCount > 0 ? Math.min(1, h.count / eventCount) : 0;
  return {
    kind: 'schema_violation',
    feature: h.feature,
    severity,
    metric: 'unknownFeature',
    value: share,
    threshold: 0,
    message: `${h.feature}: feature unknown to the baseline, present in ${fmt(share * 100)}% of events`,
    current: windowSummary('unknown', h),
    details: { reason: 'unknown', ...(kinds ? { kinds: { ...kinds } } : {}) },
  };
}

/**
 * Share of drifted features among those the drift rule decided (had a value). With a correction, the
 * p-value decisions are made again on Bonferroni or Benjamini–Hochberg adjusted p-values
 * (distance decisions are unchanged) for this share only: a finding on one feature answers
 * "did it drift", which its own p-value answers, so findings keep the raw p-values.
 */
function datasetDrift(judged: readonly Judged[], policy: Policy): EvaluationMessage['dataset'] {
  const decided = judged.filter((j) => j.decided);
  const decisions = decided.map((j) => ({ method: j.rule.method, value: j.value, threshold: j.rule.threshold, detected: j.detected }));
  const verdict = datasetVerdict(
    correctDecisions(decisions, policy.dataset.correction).map((d) => d.detected),
    policy.dataset.share,
  );
  return { driftShare: verdict.share, threshold: policy.dataset.share, detected: verdict.detected };
}
