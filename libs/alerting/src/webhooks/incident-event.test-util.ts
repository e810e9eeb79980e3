import type { IncidentEvent } from '@driftwatch/contracts';

export function incidentEvent(overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  const T = Date.UTC(2026, 10, 26, 14, 0, 0);
  return {
    schemaVersion: 1,
    eventType: 'opened',
    incidentId: 'inc_0123456789abcdef0123456789abcdef',
    modelId: 'credit-risk',
    modelVersion: '7',
    kind: 'data_drift',
    feature: 'income',
    severity: 'critical',
    status: 'open',
    openedAt: T + 60_000,
    updatedAt: T + 60_000,
    resolvedAt: null,
    windowStart: T,
    windowEnd: T + 60_000,
    evidence: {
      kind: 'data_drift',
      feature: 'income',
      severity: 'critical',
      metric: 'psi',
      value: 0.3123456,
      threshold: 0.25,
      message: 'income: PSI 0.31 ≥ 0.25 (critical) <b>&</b>',
      baseline: { count: 1000, missingRate: 0, mean: 52.1 },
      current: { count: 800, missingRate: 0.01, mean: 61.7 },
    },
    badWindows: 1,
    ...overrides,
  };
}
