import type { DriftwatchConfig } from '@driftwatch/config';
import { decodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { dlqEntry, type BatchContext, type BatchResult, type ConsumerShell, type DlqEntry } from '@driftwatch/kafka';
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
  private running = false;
  private evaluatedWindows = 0;

  constructor(
    private readonly shell: ConsumerShell,
    private readonly config: DriftwatchConfig,
    private readonly options: EvaluatorOptions,
    private readonly pipeline: EvaluationPipeline,
    private readonly sink: EvaluationSink,
    private readonly log: ConsumerLog,
  ) {}

  /** Creates the topics it needs, connects the producer and starts consuming. */
  async start(): Promise<void> {
    const c = this.options.consumer;
    await this.shell.start({
      groupId: this.config.kafka.groups.evaluator,
      topics: [this.config.topics.windows],
      handler: (batch) => this.handle(batch),
      maxWaitTimeMs: c.maxWaitTimeMs,
      sessionTimeoutMs: c.sessionTimeoutMs,
      heartbeatIntervalMs: c.heartbeatIntervalMs,
      restartDelayMs: c.restartDelayMs,
    });
    this.running = true;
  }

  /** Resolves once the group gave this member a partition (tests). */
  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  /** Finishes the batch in hand, commits, leaves the group and disconnects the producer. */
  async stop(): Promise<void> {
    await this.shell.stop();
    this.running = false;
  }

  status(): { running: boolean; evaluatedWindows: number } {
    return { running: this.running, evaluatedWindows: this.evaluatedWindows };
  }

  private async handle(batch: BatchContext): Promise<BatchResult> {
    const evaluations: EvaluationMessage[] = [];
    const dead: DlqEntry[] = [];
    const reject = (message: (typeof batch.messages)[number], reason: string) => dead.push(dlqEntry(batch, message, reason));
    // Offset of the last message handled when a stop cuts the batch short: a catching-up batch of
    // hundreds of windows would otherwise hold the stop for as many evaluations.
    let cutAfter: string | null | undefined;
    for (const [i, message] of batch.messages.entries()) {
      if (!batch.isRunning()) {
        cutAfter = i === 0 ? null : batch.messages[i - 1].offset;
        break;
      }
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
      await this.shell.deadLetter(dead);
    }
    if (cutAfter === null) return {};
    return { durableThrough: cutAfter ?? batch.lastOffset };
  }
}
