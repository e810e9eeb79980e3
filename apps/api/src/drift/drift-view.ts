import type { EvaluationMessage, FeatureEvaluation, Finding } from '@driftwatch/contracts';

/** One evaluation in the drift history: times as ISO-8601, per-feature metrics left out unless asked for. */
export interface DriftEvaluationView {
  evaluationId: string;
  modelVersion: string;
  granularity: 'window' | 'rollup';
  windowStart: string;
  windowEnd: string;
  evaluatedAt: string;
  baselineId: string | null;
  eventCount: number;
  judged: boolean;
  dataset: EvaluationMessage['dataset'];
  schema: EvaluationMessage['schema'];
  features: Array<Omit<FeatureEvaluation, 'metrics'> & { metrics?: FeatureEvaluation['metrics'] }>;
  findings: Finding[];
}

export function toDriftView(e: EvaluationMessage, withMetrics: boolean): DriftEvaluationView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    evaluationId: e.evaluationId,
    modelVersion: e.modelVersion,
    granularity: e.granularity,
    windowStart: iso(e.windowStart),
    windowEnd: iso(e.windowEnd),
    evaluatedAt: iso(e.evaluatedAt),
    baselineId: e.baselineId,
    eventCount: e.eventCount,
    judged: e.judged,
    dataset: e.dataset,
    schema: e.schema,
    features: e.features.map(({ metrics, ...rest }) => (withMetrics ? { ...rest, metrics } : rest)),
    findings: e.findings,
  };
}
