import type { LabelledPrediction, PerformanceSnapshot } from '@driftwatch/contracts';
import { computePerformance, inferTask } from '@driftwatch/evaluation';
import { buildBaseline, columnsFromRecords, PREDICTION_FEATURE, type BaselineStats } from '@driftwatch/stats';
import { ApiRejectedError, type ApiClient } from '../api-client/api-client';
import { DEMO_IMPORTANCE } from './demo-model';
import { baselineLabels, baselineRows } from './event-generator';

/** Rows of the baseline sample: above 1000, so the default policy judges by distances. */
export const BASELINE_ROWS = 5_000;

export interface DemoBaseline extends BaselineStats {
  /** The model's performance on the sample, labelled with the relation before the concept flip. */
  performance: PerformanceSnapshot | null;
}

/**
 * The demo model's baseline, as `baseline create --prediction-column score --target-column
 * label` would build it from labelled training data.
 */
export function buildDemoBaseline(seed: number, rows = BASELINE_ROWS): DemoBaseline {
  const sample = baselineRows(rows, seed);
  const records = sample.map((row) => ({ ...row.features, [PREDICTION_FEATURE]: row.prediction }));
  const { columns, kinds } = columnsFromRecords(records);
  const built = buildBaseline(columns, { importance: DEMO_IMPORTANCE, kinds, prediction: PREDICTION_FEATURE });
  const labels = baselineLabels(sample, seed);
  const labelled = sample.map(
    (row, i): LabelledPrediction => ({ eventId: String(i), eventTime: i, kind: 'number', number: row.prediction, class: null, probabilities: {}, label: labels[i] }),
  );
  return { ...built, performance: computePerformance(labelled, inferTask(labelled, 'auto')) };
}

export interface BaselineOutcome {
  status: 'created' | 'existing';
  baselineId: string;
}

/** Creates the model version's baseline through the API unless it has an active one already. */
export async function ensureDemoBaseline(client: ApiClient, model: string, modelVersion: string, seed: number): Promise<BaselineOutcome> {
  const path = `/api/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(modelVersion)}/baselines`;
  try {
    const active = await client.get<{ baselineId: string }>(`${path}/active`);
    return { status: 'existing', baselineId: active.baselineId };
  } catch (error) {
    if (!(error instanceof ApiRejectedError && error.status === 404)) throw error;
  }
  const built = buildDemoBaseline(seed);
  const created = await client.post<{ baselineId: string }>(path, {
    rowCount: built.rowCount,
    source: 'driftwatch simulate',
    features: built.features,
    ...(built.performance === null ? {} : { performance: built.performance }),
  });
  return { status: 'created', baselineId: created.baselineId };
}
