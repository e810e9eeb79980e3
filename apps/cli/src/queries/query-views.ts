// What the API answers to the queries (apps/api/src/*/…-view.ts), as far as the tables read it.
// The json format prints the answers themselves, every field included.

export interface ModelVersionView {
  modelVersion: string;
  windowCount: number;
  eventCount: number;
  firstWindowStart: string | null;
  lastWindowEnd: string | null;
  hasBaseline: boolean;
  activeBaselineId: string | null;
}

export interface ModelView {
  modelId: string;
  versionCount: number;
  versions: ModelVersionView[];
}

export interface IncidentView {
  incidentId: string;
  modelId: string;
  modelVersion: string;
  granularity: 'window' | 'rollup';
  kind: string;
  feature: string | null;
  severity: string;
  status: 'open' | 'resolved';
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  window: { start: string; end: string };
  badWindows: number;
  evidence: { message: string; metric: string; value: number | null; threshold: number };
}

export interface WindowView {
  modelVersion: string;
  start: string;
  end: string;
  eventCount: number;
  lateCount: number;
  closedAt: string | null;
  features: Array<{ feature: string; count: number; missing: number; typeErrors: number }>;
}

export interface WindowList {
  modelId: string;
  modelVersion: string | null;
  from: string;
  to: string;
  windows: WindowView[];
}

export interface FeatureDriftView {
  name: string;
  kind: string;
  importance: number;
  drift: { detected: boolean; method: string; value: number | null; threshold: number; severity: string | null };
  missingRate: number;
  newCategoryShare: number;
}

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
  dataset: { driftShare: number; threshold: number; detected: boolean };
  features: FeatureDriftView[];
  findings: Array<{ kind: string; feature: string | null; severity: string; message: string }>;
}
