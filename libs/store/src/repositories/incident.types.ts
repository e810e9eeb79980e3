import type { Finding, IncidentEvent, IncidentKind, Severity } from '@driftwatch/contracts';

/** The latest view of one incident (incidents table, migration 0006). */
export interface StoredIncident {
  incidentId: string;
  modelId: string;
  modelVersion: string;
  granularity: 'window' | 'rollup';
  kind: IncidentKind;
  feature: string | null;
  severity: Severity;
  status: 'open' | 'resolved';
  openedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  windowStart: number;
  windowEnd: number;
  badWindows: number;
  evidence: Finding;
  lastEventType: IncidentEvent['eventType'];
  revision: number;
}

/** One saved state of the alerter's state machine: opaque JSON to the store. */
export interface StoredIncidentState {
  modelId: string;
  granularity: 'window' | 'rollup';
  revision: number;
  state: unknown;
}

export interface IncidentQuery {
  modelId?: string;
  status?: 'open' | 'resolved';
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface OpenIncidentCount {
  modelId: string;
  kind: IncidentKind;
  severity: Severity;
  count: number;
}
