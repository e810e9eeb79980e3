import type { Finding } from './evaluation';
import type { IncidentKind, Severity } from './incident-kind';

export const INCIDENT_SCHEMA_VERSION = 1;

export type IncidentEventType = 'opened' | 'updated' | 'resolved';

export const INCIDENT_GRANULARITIES = ['window', 'rollup'] as const;
export type IncidentGranularity = (typeof INCIDENT_GRANULARITIES)[number];

/**
 * Published on `driftwatch.incidents` at every step of an incident's life. One open
 * incident per (modelId, kind, feature); `incidentId` stays the same from opened to resolved.
 */
export interface IncidentEvent {
  schemaVersion: typeof INCIDENT_SCHEMA_VERSION;
  eventType: IncidentEventType;
  incidentId: string;
  modelId: string;
  modelVersion: string;
  kind: IncidentKind;
  feature: string | null;
  severity: Severity;
  status: 'open' | 'resolved';
  openedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  /** The window that caused this event (for resolved: the last clean window). */
  windowStart: number;
  windowEnd: number;
  /** The latest bad finding: metric, value, threshold, baseline vs current summary. */
  evidence: Finding;
  /** Bad windows seen while open (including the ones that opened it). */
  badWindows: number;
  /**
   * Whether minute windows or an hourly rollup raised it: the two are judged separately, so one
   * model can have a window and a rollup incident of the same kind and feature at once. Absent
   * in messages written before the field existed.
   */
  granularity?: IncidentGranularity;
}
