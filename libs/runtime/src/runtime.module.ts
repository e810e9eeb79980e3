import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { describeConfig, loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, kafkaClientConfig } from '@driftwatch/kafka';
import { openStore, type Store } from '@driftwatch/store';
import { REPOSITORY_PROVIDERS } from './repository.providers';
import { AGGREGATOR_CONFIG, ALERTER_CONFIG, DRIFTWATCH_CONFIG, EVALUATOR_CONFIG, KAFKA, LABELS_CONFIG, STORE } from './tokens';

export interface RuntimeOptions {
  /** Tests pass a config; services load it from the environment, once. */
  config?: DriftwatchConfig;
}

@Injectable()
class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

const SECTIONS = [
  [AGGREGATOR_CONFIG, 'aggregator'],
  [EVALUATOR_CONFIG, 'evaluator'],
  [ALERTER_CONFIG, 'alerter'],
  [LABELS_CONFIG, 'labels'],
] as const;

/**
 * Configuration (whole, and each service's section), the ClickHouse store with its
 * repositories, and the Kafka client, created once per process. The embedded engine allows one
 * open data directory per process, so every module of the standalone mode must share this one
 * store rather than open its own.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeOptions = {}): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        {
          provide: DRIFTWATCH_CONFIG,
          useFactory: () => {
            const config = options.config ?? loadConfig();
            new Logger('Driftwatch').log(describeConfig(config));
            return config;
          },
        },
        {
          provide: STORE,
          inject: [DRIFTWATCH_CONFIG],
          useFactory: (config: DriftwatchConfig) => openStore(config),
        },
        {
          provide: KAFKA,
          inject: [DRIFTWATCH_CONFIG],
          useFactory: (config: DriftwatchConfig) =>
            createKafka(kafkaClientConfig(config.kafka)),
        },
        ...SECTIONS.map(([token, section]) => ({
          provide: token,
          inject: [DRIFTWATCH_CONFIG],
          useFactory: (config: DriftwatchConfig) => config[section],
        })),
        ...REPOSITORY_PROVIDERS,
        StoreLifecycle,
      ],
      exports: [DRIFTWATCH_CONFIG, STORE, KAFKA, ...SECTIONS.map(([token]) => token), ...REPOSITORY_PROVIDERS.map((p) => p.provide)],
    };
  }
}
