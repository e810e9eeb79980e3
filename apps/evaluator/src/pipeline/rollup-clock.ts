import { LruMap } from '@driftwatch/runtime';
import { windowSecondsOf, type DriftwatchConfig } from '@driftwatch/config';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { bucketDueOnClock } from '@driftwatch/evaluation';
import type { Store } from '@driftwatch/store';
import type { EvaluatorOptions } from '../evaluator.options';
import { EvaluationFailure, type EvaluationPipeline } from './evaluation-pipeline';
import type { EvaluationSink } from './evaluation-sink';
import type { PolicySource } from './policy-source';
import { PeriodicTask } from './periodic-task';
import { closeSlackMs, readVersionClocks, versionKey } from './version-clocks';

/**
 * A window close settles the rollup buckets that ended before it (EvaluationPipeline), so the
 * bucket of a version's last window waits for the version's next close, which a model that stopped
 * being called never makes. This timer judges that bucket on processing time (see
 * @driftwatch/evaluation rollup-due.util.ts bucketDueOnClock): once the clock passed the end of the
 * bucket's windows plus the aggregator's grace, out-of-orderness and idle-close delays (the
 * silence monitor's slack), and no window of the version closed for as long, for versions that
 * closed a window within the silence look-back (DRIFTWATCH_SILENCE_LOOKBACK_HOURS). It runs every
 * DRIFTWATCH_SILENCE_CHECK_MS (0: off), like the silence timer.
 *
 * The evaluation is the one a close would have made (same id, no `source: 'timer'`): judged by
 * both paths, or again after a restart (the published set is in memory), it is published again
 * and the alerter drops the repeated id. At least once, never skipped.
 */
export class RollupClock {
  /** Last bucket start published per model version. */
  // Bounded: a forgotten entry only means one more publication, which the alerter drops by its id.
  private readonly published = new LruMap<string, number>(10_000);

  private readonly task: PeriodicTask;

  constructor(
    private readonly store: Store,
    private readonly config: DriftwatchConfig,
    private readonly options: EvaluatorOptions,
    private readonly policies: PolicySource,
    private readonly pipeline: EvaluationPipeline,
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

  /** One pass; returns the rollup evaluations it published. */
  async check(now = Date.now()): Promise<EvaluationMessage[]> {
    const w = this.config.window;
    const slackMs = closeSlackMs(w);
    const versions = await readVersionClocks(this.store, now - this.options.silenceLookbackMs);
    const out: EvaluationMessage[] = [];
    const due: [string, number][] = [];
    for (const v of versions) {
      const key = versionKey(v.modelId, v.modelVersion);
      const closedAt = v.lastClosedAt;
      // Versions quiet for longer than the look-back are left: their last bucket was due long ago.
      if (closedAt === null || v.lastWindowEnd === null) continue;
      const policy = await this.policies.get(v.modelId, now);
      if (!policy.rollup.enabled) continue;
      const version = { lastWindowEnd: v.lastWindowEnd, windowMs: windowSecondsOf(w, v.modelId) * 1000, lastClosedAt: closedAt };
      const bucket = bucketDueOnClock(version, policy.rollup.bucketSeconds * 1000, now, slackMs);
      if (!bucket || this.published.get(key) === bucket.start) continue;
      try {
        const evaluation = await this.pipeline.judgeBucket(v.modelId, v.modelVersion, bucket, policy, now);
        if (evaluation) out.push(evaluation);
      } catch (error) {
        // Retrying the same input fails the same way; the other versions are still judged.
        if (!(error instanceof EvaluationFailure)) throw error;
        this.onError(error);
      }
      // Marked even when nothing was judged (no baseline, a failure): looked at once per bucket.
      due.push([key, bucket.start]);
    }
    await this.sink.deliver(out);
    for (const [key, start] of due) this.published.set(key, start);
    return out;
  }
}
