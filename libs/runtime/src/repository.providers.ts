import type { FactoryProvider } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import {
  BaselineRepository,
  DriftResultRepository,
  FeatureKindRepository,
  IncidentRepository,
  LabelRepository,
  PerformanceRepository,
  FlushPlanRepository,
  PolicyRepository,
  PredictionRepository,
  SampleRepository,
  WebhookRepository,
  WindowRepository,
  type Store,
  type StoreClient,
} from '@driftwatch/store';
import { DRIFTWATCH_CONFIG, STORE } from './tokens';

/** A repository class, injectable by its own type. */
function onStoreClient<T>(repository: new (client: StoreClient) => T): FactoryProvider<T> {
  return { provide: repository, inject: [STORE], useFactory: (store: Store) => new repository(store.client) };
}

/**
 * Every repository of the store, bound to the process's one store client and injected by class
 * (`constructor(private readonly incidents: IncidentRepository)`). The four the store already
 * holds are those same instances, not second copies.
 */
export const REPOSITORY_PROVIDERS: FactoryProvider[] = [
  { provide: BaselineRepository, inject: [STORE], useFactory: (store: Store) => store.baselines },
  { provide: WindowRepository, inject: [STORE], useFactory: (store: Store) => store.windows },
  { provide: SampleRepository, inject: [STORE], useFactory: (store: Store) => store.samples },
  { provide: PredictionRepository, inject: [STORE], useFactory: (store: Store) => store.predictions },
  onStoreClient(DriftResultRepository),
  onStoreClient(FeatureKindRepository),
  onStoreClient(IncidentRepository),
  onStoreClient(FlushPlanRepository),
  onStoreClient(PolicyRepository),
  onStoreClient(WebhookRepository),
  onStoreClient(PerformanceRepository),
  {
    provide: LabelRepository,
    inject: [STORE, DRIFTWATCH_CONFIG],
    useFactory: (store: Store, config: DriftwatchConfig) => new LabelRepository(store.client, { retentionDays: config.labels.retentionDays }),
  },
];
