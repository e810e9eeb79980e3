import type { DriftwatchConfig } from '@driftwatch/config';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { silenceEvaluation } from '@driftwatch/evaluation';
import type { Store } from '@driftwatch/store';
import type { EvaluatorOptions } from '../evaluator.options';
import type { EvaluationSink } from './evaluation-sink';
import type { PolicySource } from './policy-source';

/**
 * The aggregator never closes an empty window, so a model that stops being called produces no
 * driftwatch.windows message at all. This timer looks for models with a baseline whose last
 * window closed within `silenceLookbackMs` but more than `policy.silence.afterWindows` window
 * sizes (plus the aggregator's grace, out-of-orderness and idle-close delays) ago, and
 * publishes a silence evaluation for the latest window slot that should have closed. One per
 * slot: its id is deterministic, and a slot already published is not published again.
 * Window size: DRIFTWATCH_WINDOW_SECONDS (models with their own size in the aggregator are
 * judged against the shared one).
 */
export class SilenceMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly published = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly config: DriftwatchConfig,
    private readonly options: EvaluatorOptions,
    private readonly policies: PolicySource,
    private readonly sink: EvaluationSink,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.options.silenceCheckMs <= 0) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.check().catch((error: Error) => this.onError(error));
      void this.running.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.silenceCheckMs);
      });
    };
    this.timer = setTimeout(tick, this.options.silenceCheckMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; returns the silence evaluations it published. */
  async check(now = Date.now()): Promise<EvaluationMessage[]> {
    const w = this.config.window;
    const windowMs = w.sizeSeconds * 1000;
    const slack = (w.graceSeconds + w.outOfOrdernessSeconds + w.idleCloseSeconds) * 1000;
    const out: EvaluationMessage[] = [];
    for (const model of await this.store.windows.listModels()) {
      const last = model.lastWindowEnd;
      if (!model.hasBaseline || last === null || now - last > this.options.silenceLookbackMs) continue;
      const policy = await this.policies.get(model.modelId, now);
      if (now - last <= policy.silence.afterWindows * windowMs + slack) continue;
      const slotEnd = Math.floor((now - slack) / windowMs) * windowMs;
      const slotStart = slotEnd - windowMs;
      const key = JSON.stringify([model.modelId, model.modelVersion]);
      if (slotStart < last || this.published.get(key) === slotStart) continue;
      out.push(
        silenceEvaluation({
          modelId: model.modelId,
          modelVersion: model.modelVersion,
          baselineId: null,
          windowStart: slotStart,
          windowEnd: slotEnd,
          lastWindowEnd: last,
          policy,
          now,
        }),
      );
    }
    await this.sink.deliver(out);
    for (const e of out) this.published.set(JSON.stringify([e.modelId, e.modelVersion]), e.windowStart);
    return out;
  }
}
