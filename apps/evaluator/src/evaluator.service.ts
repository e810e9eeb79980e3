import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { ConsumerShell, topicSpecs } from '@driftwatch/kafka';
import { DRIFTWATCH_CONFIG, KAFKA, STORE } from '@driftwatch/runtime';
import { DriftResultRepository, FeatureKindRepository, PerformanceRepository, PolicyRepository, type Store } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import type { EvaluatorOptions } from './evaluator.options';
import { EVALUATOR_OPTIONS } from './evaluator.tokens';
import { PerformanceMonitor } from './performance/performance-monitor';
import { BaselineCache } from './pipeline/baseline-cache';
import { EvaluationPipeline } from './pipeline/evaluation-pipeline';
import { EvaluationSink } from './pipeline/evaluation-sink';
import { PolicySource } from './pipeline/policy-source';
import { RollupClock } from './pipeline/rollup-clock';
import { SilenceMonitor } from './pipeline/silence-monitor';
import { WindowsConsumer } from './pipeline/windows-consumer';

/**
 * Runs the evaluator for the lifetime of the Nest application: once every module is
 * initialised it makes sure its topics exist, connects the producer and starts consuming
 * driftwatch.windows, the silence timer, the rollup clock and the performance monitor; before the store closes at
 * shutdown it stops them (the batch and the tick in hand is finished, stored, published and committed) and disconnects.
 */
@Injectable()
export class EvaluatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Evaluator');
  private readonly shell: ConsumerShell;
  readonly consumer: WindowsConsumer;
  readonly silence: SilenceMonitor;
  readonly rollups: RollupClock;
  readonly performance: PerformanceMonitor;
  private started = false;

  constructor(
    @Inject(DRIFTWATCH_CONFIG) private readonly config: DriftwatchConfig,
    @Inject(STORE) store: Store,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(EVALUATOR_OPTIONS) options: EvaluatorOptions,
    policyRepository: PolicyRepository,
    featureKinds: FeatureKindRepository,
    driftResults: DriftResultRepository,
    performance: PerformanceRepository,
  ) {
    const log = {
      log: (m: string) => this.logger.log(m),
      warn: (m: string) => this.logger.warn(m),
      debug: (m: string) => this.logger.debug(m),
      error: (m: string) => this.logger.error(m),
    };
    const t = config.topics;
    const wanted = new Set([t.windows, t.evaluations, t.dlq]);
    this.shell = new ConsumerShell(kafka, {
      name: 'windows consumer',
      dlqTopic: t.dlq,
      maxMessageBytes: config.kafka.maxMessageBytes,
      ensure: topicSpecs(t).filter((s) => wanted.has(s.topic)),
      log,
    });
    const policies = new PolicySource(policyRepository, options.policyRefreshMs, log.warn);
    const pipeline = new EvaluationPipeline(store, featureKinds, policies, new BaselineCache(store), log);
    const sink = new EvaluationSink(driftResults, this.shell.sender, config.topics.evaluations);
    this.consumer = new WindowsConsumer(this.shell, config, options, pipeline, sink, log);
    this.silence = new SilenceMonitor(store, config, options, policies, sink, (e) => this.logger.error(`silence check failed: ${e.message}`));
    this.rollups = new RollupClock(store, config, options, policies, pipeline, sink, (e) => this.logger.error(`rollup clock failed: ${e.message}`));
    this.performance = new PerformanceMonitor({ performance, baselines: store.baselines, policies, sink, log }, options.performanceIntervalMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    const t = this.config.topics;
    await this.consumer.start();
    this.silence.start();
    this.rollups.start();
    this.performance.start();
    this.started = true;
    this.logger.log(`consuming ${t.windows} as ${this.config.kafka.groups.evaluator}, publishing ${t.evaluations}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.silence.stop();
    await this.rollups.stop();
    await this.performance.stop();
    await this.consumer.stop();
    this.started = false;
  }

  /** What a stop finishes, for its log line. */
  stopWork(): string {
    return `finishing the window batch in hand (group ${this.config.kafka.groups.evaluator})`;
  }

  /** For `/health/ready`: true while consuming. */
  isReady(): boolean {
    return this.started;
  }

  status(): { ready: boolean; evaluatedWindows: number; performanceWindows: number } {
    return { ready: this.started, evaluatedWindows: this.consumer.status().evaluatedWindows, performanceWindows: this.performance.judgedWindows() };
  }
}
