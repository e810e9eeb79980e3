import type { DriftwatchConfig } from '@driftwatch/config';
import { decodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { BatchConsumerRunner, type BatchContext, type BatchResult, type DlqEntry, type RecordSender } from '@driftwatch/kafka';
import type { Kafka } from 'kafkajs';
import type { EvaluatorOptions } from '../evaluator.options';
import { EvaluationFailure, type EvaluationPipeline } from './evaluation-pipeline';
import type { EvaluationSink } from './evaluation-sink';

export interface ConsumerLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Consumes driftwatch.windows with the evaluator's group: each batch is evaluated, stored and
 * published, then committed. A message that cannot be decoded, or whose evaluation itself
 * fails, goes to the DLQ; a store or broker failure fails the batch, which the runner then
 * redelivers from the last commit (evaluations are idempotent by id).
 */
export class WindowsConsumer {
  private runner: BatchConsumerRunner | undefined;
  private evaluatedWindows = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: DriftwatchConfig,
    private readonly options: EvaluatorOptions,
    private readonly pipeline: EvaluationPipeline,
    private readonly sink: EvaluationSink,
    private readonly sender: RecordSender,
    private readonly log: ConsumerLog,
  ) {}

  async start(): Promise<void> {
    const c = this.options.consumer;
    this.runner = new BatchConsumerRunner(this.kafka, {
      groupId: this.config.kafka.groups.evaluator,
      topics: [this.config.topics.windows],
      handler: (batch) => this.handle(batch),
      onError: (error) => this.log.error(`windows consumer: ${error.message}; restarting from the last commit`),
      poison: {
        deadLetter: (entries) => this.sender.deadLetter(this.config.topics.dlq, entries),
        onPoison: (p) => this.log.error(`window message at ${p.topic}/${p.partition} offset ${p.offset} sent to ${this.config.topics.dlq} as poison: ${p.error.message}`),
      },
      maxWaitTimeMs: c.maxWaitTimeMs,
      sessionTimeoutMs: c.sessionTimeoutMs,
      heartbeatIntervalMs: c.heartbeatIntervalMs,
      restartDelayMs: c.restartDelayMs,
    });
    await this.runner.start();
  }

  /** Resolves once the group gave this member a partition (tests). */
  whenAssigned(): Promise<void> {
    return this.runner?.whenAssigned() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  status(): { running: boolean; evaluatedWindows: number } {
    return { running: this.runner !== undefined, evaluatedWindows: this.evaluatedWindows };
  }

  private async handle(batch: BatchContext): Promise<BatchResult> {
    const evaluations: EvaluationMessage[] = [];
    const dead: DlqEntry[] = [];
    const reject = (message: (typeof batch.messages)[number], reason: string) =>
      dead.push({ original: message, sourceTopic: batch.topic, partition: batch.partition, reason });
    for (const message of batch.messages) {
      const decoded = message.value ? decodeWindowClosed(message.value) : ({ ok: false, reason: 'empty payload' } as const);
      if (!decoded.ok) {
        reject(message, decoded.reason);
        continue;
      }
      try {
        evaluations.push(...(await this.pipeline.evaluateClosed(decoded.event, Date.now())));
        this.evaluatedWindows += 1;
      } catch (error) {
        if (!(error instanceof EvaluationFailure)) throw error;
        this.log.error(error.message);
        reject(message, error.message);
      }
    }
    await this.sink.deliver(evaluations);
    if (dead.length > 0) {
      this.log.warn(`${dead.length} window message(s) sent to ${this.config.topics.dlq}: ${dead[0].reason}`);
      await this.sender.deadLetter(this.config.topics.dlq, dead);
    }
    return { durableThrough: batch.lastOffset };
  }
}
