export { createClickHouseClient, embeddedDataDirectory, type StoreConfig } from './client/clickhouse-client.factory';
export type { PingOutcome, StoreClient, StoreMode } from './client/store-client';
export { storeWriteErrorsCounter, tableLabel } from './client/store-metrics';
export { EmbeddedStoreLockedError, EmbeddedStoreOpenError } from './client/store-errors';
export { StoreUnavailableError } from './client/server-unreachable';
export type { Migration } from './migrations/migration';
export { MIGRATIONS } from './migrations/index';
export { migrate, type MigrationReport } from './migrations/migrator';
// The data shapes live in contracts so pure libraries can use them without the store; they are
// re-exported because the repositories return them.
export type { Baseline, BaselineFeature, FeatureHistogram, FeatureKind, WindowAggregate } from '@driftwatch/contracts';
export type { BaselineSummary } from './repositories/baseline.types';
export { BaselineRepository } from './repositories/baseline.repository';
export type { DeltaBatch, ModelPageRow, ModelSummary, WindowDelta, WindowFeatureDelta } from './repositories/window.types';
export { WindowRepository, type WindowQuery } from './repositories/window.repository';
export type { EventSample } from './repositories/sample.types';
export { SampleRepository, type SampleQuery } from './repositories/sample.repository';
export type { PredictionKind, PredictionRow } from '@driftwatch/contracts';
export { PredictionRepository, type StoredPrediction } from './repositories/prediction.repository';
export { dedupToken } from './sql/dedup-token.util';
export { toDateTime64 } from './sql/datetime.util';
export { quoteIdentifier } from './sql/identifier.util';
export { openStore, type Store } from './store';
export type { FeatureKindDelta, FeatureKindSummary, IngestFlushPlan } from './repositories/ingest-flush.types';
export { FlushPlanRepository } from './repositories/flush-plan.repository';
export { FeatureKindRepository } from './repositories/feature-kind.repository';
export { LEGACY_STATE_VERSION, type IncidentQuery, type OpenIncidentCount, type StoredIncident, type StoredIncidentState } from './repositories/incident.types';
export { IncidentRepository } from './repositories/incident.repository';
export type { StoredWebhookDestination } from './repositories/webhook.types';
export { WebhookRepository } from './repositories/webhook.repository';
export type { StoredPolicy } from './repositories/policy.types';
export { PolicyRepository } from './repositories/policy.repository';
export type { DriftGranularity, DriftResultPage, DriftResultQuery } from './repositories/drift-result.types';
export { DriftResultRepository } from './repositories/drift-result.repository';
export type { LabelRepositoryOptions, LabelToSave, StoredLabel } from './repositories/label.types';
export { LabelRepository } from './repositories/label.repository';
export type {
  LabelledPredictionQuery,
  PerformanceCursor,
  PerformanceGranularity,
  PerformanceQuery,
  PerformanceWindowRow,
  WindowCount,
  WindowCountQuery,
  WindowedLabelledPrediction,
  WindowRef,
} from './repositories/performance.types';
export { PerformanceRepository } from './repositories/performance.repository';
export { applyRetention, hasTtlDays, modifyTtlStatement, RETENTION_RULES, type RetentionRule } from './retention/retention-ttl';
export { startStoreServer, type RunningStoreServer, type StoreServerLog } from './server/store-server';
