import { LruMap } from '@driftwatch/runtime';
import { windowSecondsOf, type DriftwatchConfig } from '@driftwatch/config';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { modelActivity, silenceEvaluation, silentSlot } from '@driftwatch/evaluation';
import type { Store } from '@driftwatch/store';
import type { EvaluatorOptions } from '../evaluator.options';
import type { EvaluationSink } from './evaluation-sink';
import type { PolicySource } from './policy-source';
import { PeriodicTask } from './periodic-task';
import { closeSlackMs, readVersionClocks } from './version-clocks';

/**
 * The aggregator never closes an empty window, so a model that stops being called produces no
 * driftwatch.windows message at all. This timer judges silence on processing time (see
 * @driftwatch/evaluation silence-rule.ts): a model with a baseline none of whose windows CLOSED (the aggregator's
 * `closed_at`) for more than `policy.silence.afterWindows` window sizes plus the aggregator's
 * grace, out-of-orderness and idle-close delays, gets a silence evaluation for the last clock
 * slot, once per slot (its id is deterministic in the slot). Event times play no part: backfilled
 * windows, or a backlog closing after an outage, are hours old in event time yet close now.
 * Its evaluations are marked `source: 'timer'`: the alerter orders them apart from windows
 * (libs/alerting isTimerSilence).
 * Window size: the model's own when the configuration gives it one (`window.sizeSecondsByModel`,
 * as the aggregator cuts its windows), else DRIFTWATCH_WINDOW_SECONDS: a model with hour-long
 * windows is not silent after three minutes.
 */
export class SilenceMonitor {
  /** Last slot published per model. */
  // Bounded: a forgotten entry only means one more publication, which the alerter drops by its id.
  private readonly published = new LruMap<string, number>(10_000);

  private readonly task: PeriodicTask;

  constructor(
    private readonly store: Store,
    private readonly config: DriftwatchConfig,
    private readonly options: EvaluatorOptions,
    private readonly policies: PolicySource,
    private readonly sink: EvaluationSink,
    private readonly onError: (error: Error) => void,
  ) {
    this.task = new PeriodicTask(options.silenceCheckMs, () => this.check(), (error) => onError(error));
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns the silence evaluations it published. */
  async check(now = Date.now()): Promise<EvaluationMessage[]> {
    const w = this.config.window;
    const slackMs = closeSlackMs(w);
    const lookbackMs = this.options.silenceLookbackMs;
    const models = modelActivity(await readVersionClocks(this.store, now - lookbackMs));
    const out: EvaluationMessage[] = [];
    for (const model of models) {
      const policy = await this.policies.get(model.modelId, now);
      const timing = { windowMs: windowSecondsOf(w, model.modelId) * 1000, slackMs, lookbackMs };
      const slot = silentSlot(model, policy.silence.afterWindows, now, timing);
      if (!slot || this.published.get(model.modelId) === slot.start) continue;
      out.push(
        silenceEvaluation({
          modelId: model.modelId,
          modelVersion: model.modelVersion,
          baselineId: null,
          windowStart: slot.start,
          windowEnd: slot.end,
          lastWindowEnd: model.lastWindowEnd,
          lastClosedAt: model.lastClosedAt,
          policy,
          now,
        }),
      );
    }
    await this.sink.deliver(out);
    for (const e of out) this.published.set(e.modelId, e.windowStart);
    return out;
  }
}
