import { initialMigration } from './0001_initial';
import { eventSamplesMigration } from './0002_event_samples';
import { ingestFlushesMigration } from './0003_ingest_flushes';
import { policiesMigration } from './0004_policies';
import { driftResultsMigration } from './0005_drift_results';
import { incidentsMigration } from './0006_incidents';
import { predictionsMigration } from './0007_predictions';
import { labelsMigration } from './0008_labels';
import { performanceMigration } from './0009_performance';
import { baselinePerformanceMigration } from './0010_baseline_performance';
import { predictionsByWindowMigration } from './0011_predictions_by_window';
import { incidentStatesByVersionMigration } from './0012_incident_states_by_version';
import { flushModelClocksMigration } from './0013_flush_model_clocks';
import { flushPlanLogEpochsMigration } from './0014_flush_plan_log_epochs';
import { retentionTtlMigration } from './0015_retention_ttl';
import { compactedWindowDeltasMigration } from './0016_compacted_window_deltas';
import type { Migration } from './migration';

/** Every migration, in version order. Append new ones; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  initialMigration,
  eventSamplesMigration,
  ingestFlushesMigration,
  policiesMigration,
  driftResultsMigration,
  incidentsMigration,
  predictionsMigration,
  labelsMigration,
  performanceMigration,
  baselinePerformanceMigration,
  predictionsByWindowMigration,
  incidentStatesByVersionMigration,
  flushModelClocksMigration,
  flushPlanLogEpochsMigration,
  retentionTtlMigration,
  compactedWindowDeltasMigration,
];
