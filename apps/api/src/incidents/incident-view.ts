import type { Finding } from '@driftwatch/contracts';
import type { StoredIncident } from '@driftwatch/store';
import { iso } from '../http/query-params';

/** An incident as the API shows it: times as ISO-8601 UTC. */
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
  lastEventType: string;
  evidence: Finding;
}

export function toIncidentView(i: StoredIncident): IncidentView {
  return {
    incidentId: i.incidentId,
    modelId: i.modelId,
    modelVersion: i.modelVersion,
    granularity: i.granularity,
    kind: i.kind,
    feature: i.feature,
    severity: i.severity,
    status: i.status,
    openedAt: iso(i.openedAt) as string,
    updatedAt: iso(i.updatedAt) as string,
    resolvedAt: iso(i.resolvedAt),
    window: { start: iso(i.windowStart) as string, end: iso(i.windowEnd) as string },
    badWindows: i.badWindows,
    lastEventType: i.lastEventType,
    evidence: i.evidence,
  };
}
