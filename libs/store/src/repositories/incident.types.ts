import type { IncidentEvent, IncidentGranularity, IncidentKind, Severity } from '@driftwatch/contracts';

/**
 * The latest view of one incident (incidents table, migration 0006): the last event without
 * its envelope, derived rather than re-listed so a field added to the event reaches the table's
 * type too. `granularity` is required here although optional on the wire (older messages lack it).
 */
export interface StoredIncident extends Omit<IncidentEvent, 'schemaVersion' | 'eventType' | 'granularity'> {
  granularity: IncidentGranularity;
  lastEventType: IncidentEvent['eventType'];
  revision: number;
}

/** modelVersion of a state stored before states were per version (one per model; migration 0012). */
export const LEGACY_STATE_VERSION = '';

/** One saved state of the alerter's state machine (one model version at one granularity): opaque JSON to the store. */
export interface StoredIncidentState {
  modelId: string;
  /** LEGACY_STATE_VERSION for a per-model state stored before migration 0012. */
  modelVersion: string;
  granularity: IncidentGranularity;
  revision: number;
  state: unknown;
}

export interface IncidentQuery {
  modelId?: string;
  modelVersion?: string;
  status?: IncidentEvent['status'];
  /** Default 100, at most 1001 (a page of 1000 and one more, to tell whether another page exists). */
  limit?: number;
  /** Incidents skipped before the first returned, in the list's order (paging; default 0). */
  offset?: number;
  /**
   * `updated` (default): most recently updated first. `impact`: the evidence's `details.impact`
   * (drift findings) highest first, incidents without one after them, then by update.
   */
  sort?: 'updated' | 'impact';
}

export interface OpenIncidentCount {
  modelId: string;
  modelVersion: string;
  kind: IncidentKind;
  severity: Severity;
  count: number;
}
