import type { EvaluationMessage } from '@driftwatch/contracts';
import type { BaselineRepository, PerformanceRepository, WindowRef } from '@driftwatch/store';
import type { EvaluationSink } from '../pipeline/evaluation-sink';
import type { PolicySource } from '../pipeline/policy-source';
import { VersionPerformance } from './version-performance';
import { PeriodicTask } from '../pipeline/periodic-task';

/**
 * How far back each tick looks again: a label's received_at (and a prediction's inserted_at) is
 * stamped before its insert becomes visible, so a row stamped just before the previous tick's
 * watermark can appear after that tick read. Recomputing a window twice is harmless.
 */
const OVERLAP_MS = 30_000;

export interface PerformanceMonitorDeps {
  readonly performance: PerformanceRepository;
  readonly baselines: BaselineRepository;
  readonly policies: PolicySource;
  readonly sink: EvaluationSink;
  readonly log: { debug(message: string): void; warn(message: string): void };
}

interface VersionWork {
  modelId: string;
  modelVersion: string;
  touched: Map<number, WindowRef>;
}

/**
 * Model performance, on a timer (DRIFTWATCH_PERFORMANCE_INTERVAL_MS): labels come on their own
 * schedule, so no message says "this window is complete" as driftwatch.windows does for data.
 * Each tick finds the windows touched by predictions stored or labels received since the last
 * tick (a watermark; on start the oldest `touchedThrough` of the stored cursors, so what arrived
 * while the evaluator was down is seen), then for every model version with work runs
 * VersionPerformance: the ready windows are judged in order and the touched ones recomputed.
 * One failing version is logged and retried on the next tick without holding up the others.
 * Ticks never overlap; stop() waits for the running one.
 */
export class PerformanceMonitor {
  private watermark: number | null = null;
  /** Versions with windows still waiting for labels. */
  private readonly waiting = new Map<string, VersionWork>();
  /** Touched windows of versions whose last tick failed, kept for the next one. */
  private readonly retry = new Map<string, VersionWork>();
  private judged = 0;

  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: PerformanceMonitorDeps,
    private readonly intervalMs: number,
  ) {
    this.task = new PeriodicTask(intervalMs, () => this.tick(), (error) => deps.log.warn(`performance tick failed: ${error.message}`));
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** Windows (and buckets) whose performance evaluation was delivered since start. */
  judgedWindows(): number {
    return this.judged;
  }

  /** One pass; returns the evaluations it delivered. */
  async tick(now = Date.now()): Promise<EvaluationMessage[]> {
    const { performance, policies } = this.deps;
    const since = this.watermark ?? (await this.resume());
    const next = Math.max(since, now - OVERLAP_MS);
    const work = new Map<string, VersionWork>();
    const add = (modelId: string, modelVersion: string) => {
      const key = JSON.stringify([modelId, modelVersion]);
      let w = work.get(key);
      if (!w) work.set(key, (w = { modelId, modelVersion, touched: new Map() }));
      return w;
    };
    for (const w of [...this.waiting.values(), ...this.retry.values()]) {
      const into = add(w.modelId, w.modelVersion);
      for (const [start, ref] of w.touched) into.touched.set(start, ref);
    }
    this.retry.clear();
    const [byPredictions, byLabels] = await Promise.all([
      performance.windowsWithPredictions({ insertedSince: since }),
      performance.windowsTouchedByLabels({ receivedSince: since }),
    ]);
    for (const ref of [...byPredictions, ...byLabels]) add(ref.modelId, ref.modelVersion).touched.set(ref.windowStart, ref);

    const out: EvaluationMessage[] = [];
    for (const [key, w] of work) {
      try {
        const policy = await policies.get(w.modelId, now);
        const version = new VersionPerformance(
          { performance, baselines: this.deps.baselines, sink: this.deps.sink, debug: this.deps.log.debug },
          { modelId: w.modelId, modelVersion: w.modelVersion, policy, now, touched: [...w.touched.values()], since, next },
        );
        const { waiting } = await version.run().finally(() => {
          out.push(...version.delivered);
          this.judged += version.delivered.length;
        });
        if (waiting) this.waiting.set(key, { modelId: w.modelId, modelVersion: w.modelVersion, touched: new Map() });
        else this.waiting.delete(key);
      } catch (error) {
        this.retry.set(key, w);
        this.deps.log.warn(`performance of ${w.modelId}/${w.modelVersion} failed, retried next tick: ${(error as Error).message}`);
      }
    }
    this.watermark = next;
    return out;
  }

  /**
   * Where a (re)started evaluator picks up: every version with stored predictions may have
   * windows to judge, and everything touched since the oldest cursor's touchedThrough is
   * recomputed (0 without cursors: nothing was judged yet, so nothing is skipped).
   */
  private async resume(): Promise<number> {
    const [versions, cursors] = await Promise.all([this.deps.performance.versionsWithPredictions(0), this.deps.performance.cursors()]);
    for (const v of versions) this.waiting.set(JSON.stringify([v.modelId, v.modelVersion]), { ...v, touched: new Map() });
    const window = cursors.filter((c) => c.granularity === 'window');
    return window.length === 0 ? 0 : Math.min(...window.map((c) => c.touchedThrough));
  }
}
