import type { DriftwatchConfig } from '@driftwatch/config';
import { decodeWindowClosed, type EvaluationMessage } from '@driftwatch/contracts';
import { dlqEntry, type BatchContext, type BatchResult, type ConsumerShell, type DlqEntry } from '@driftwatch/kafka';
import type { EvaluatorOptions } from '../evaluator.options';
import { EvaluationFailure, type EvaluationPipeline } from './evaluation-pipeline';
import type { EvaluationSink } from './evaluation-sink';
import { mapOrdered } from './ordered-pool.util';

/**
 * Windows of one batch judged at once by default: a judgement waits mostly on its store reads
 * (the engine runs them on its own threads), so while one waits another is judged; four keep
 * both cores of a small machine busy without queueing many reads in the engine
 * (`npm run bench:evaluator`).
 */
export const DEFAULT_EVALUATION_CONCURRENCY = 4;

export interface ConsumerLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Consumes driftwatch.windows with the evaluator's group: each batch is evaluated (its windows
 * judged a few at a time, the evaluations kept in the messages' order), stored and published,
 * then committed. A message that cannot be decoded, or whose evaluation itself
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
    // A store or broker failure (not an EvaluationFailure) rejects the whole batch, as before.
    // Windows of different models are judged concurrently; one model's windows stay in order,
    // since a close can settle rollup buckets and state its successor reads.
    type Outcome = { evaluations: EvaluationMessage[] } | { rejected: string } | { skipped: true };
    const modelTail = new Map<string, Promise<unknown>>();
    const outcomes = await mapOrdered(batch.messages, this.options.consumer.evaluationConcurrency ?? DEFAULT_EVALUATION_CONCURRENCY, async (message): Promise<Outcome> => {
      // A stop cuts the batch short: a catching-up batch of hundreds of windows would otherwise
      // hold the stop for as many evaluations. Checked again just before evaluating, since a
      // window may wait there for its model's previous one.
      if (!batch.isRunning()) return { skipped: true };
      const decoded = message.value ? decodeWindowClosed(message.value) : ({ ok: false, reason: 'empty payload' } as const);
      if (!decoded.ok) return { rejected: decoded.reason };
      const previous = modelTail.get(decoded.event.modelId);
      const turn = (async () => {
        await previous?.catch(() => undefined);
        return batch.isRunning() ? this.pipeline.evaluateClosed(decoded.event, Date.now()) : null;
      })();
      modelTail.set(decoded.event.modelId, turn);
      try {
        const evaluated = await turn;
        return evaluated === null ? { skipped: true } : { evaluations: evaluated };
      } catch (error) {
        if (!(error instanceof EvaluationFailure)) throw error;
        this.log.error(error.message);
        return { rejected: error.message };
      }
    });
    // Windows after the first skipped one are left for the next consumer even when they were
    // evaluated (another model's, concurrently): their evaluation ids are deterministic, so
    // evaluating them again replaces the same rows and the alerter drops the repeat.
    const firstSkipped = outcomes.findIndex((outcome) => 'skipped' in outcome);
    const cutAfter = firstSkipped < 0 ? undefined : firstSkipped === 0 ? null : batch.messages[firstSkipped - 1].offset;
    outcomes.forEach((outcome, i) => {
      if (firstSkipped >= 0 && i >= firstSkipped) return;
      if ('skipped' in outcome) return;
      if ('rejected' in outcome) reject(batch.messages[i], outcome.rejected);
      else {
        evaluations.push(...outcome.evaluations);
        this.evaluatedWindows += 1;
      }
    });
    await this.sink.deliver(evaluations);
    if (dead.length > 0) {
      this.log.warn(`${dead.length} window message(s) sent to ${this.config.topics.dlq}: ${dead[0].reason}`);
      await this.shell.deadLetter(dead);
    }
    if (cutAfter === null) return {};
    return { durableThrough: cutAfter ?? batch.lastOffset };
  }
}
