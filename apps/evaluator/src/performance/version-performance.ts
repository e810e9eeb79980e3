import type { Baseline, EvaluationMessage } from '@driftwatch/contracts';
import {
  bucketOf,
  completedBucket,
  judgePerformance,
  mergeDetectorFinding,
  performanceEvaluation,
  windowReady,
  type PerformanceJudgeInput,
  type Policy,
} from '@driftwatch/evaluation';
import type { BaselineRepository, PerformanceCursor, PerformanceRepository, WindowRef } from '@driftwatch/store';
import type { EvaluationSink } from '../pipeline/evaluation-sink';
import { VersionDetectors } from './performance-detectors';
import { performanceRow } from './performance-row';

/** Far enough ahead for any event time the aggregator accepts, inside DateTime64's range. */
const END_OF_TIME = Date.UTC(2200, 0, 1);
/** A version whose cursor was not saved for this long gets `touchedThrough` advanced anyway. */
const TOUCHED_REFRESH_MS = 10 * 60_000;

export interface VersionPerformanceDeps {
  readonly performance: PerformanceRepository;
  readonly baselines: BaselineRepository;
  readonly sink: EvaluationSink;
  readonly debug: (message: string) => void;
}

export interface VersionTick {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly policy: Policy;
  readonly now: number;
  /** Windows of this version touched by predictions or labels since the last tick. */
  readonly touched: readonly WindowRef[];
  /** Everything stored before this was seen by an earlier tick (the cursor's touchedThrough). */
  readonly since: number;
  /** What `since` becomes once this tick is done. */
  readonly next: number;
}

/**
 * One tick of one model version: judges its ready windows in order (and the rollup buckets they
 * complete), delivering one performance evaluation each and moving the cursor only after
 * delivery; then recomputes the stored performance of the other windows touched since the last
 * tick, judged long ago or not yet. Returns the windows delivered and whether windows are left
 * waiting for labels.
 */
export class VersionPerformance {
  private baseline: Baseline | null | undefined;
  private maxLabelTime: number | null | undefined;
  private rollupCursor: PerformanceCursor | null | undefined;
  private readonly computed = new Set<string>();
  private touchedThrough = 0;
  readonly delivered: EvaluationMessage[] = [];

  constructor(
    private readonly deps: VersionPerformanceDeps,
    private readonly tick: VersionTick,
  ) {}

  async run(): Promise<{ waiting: boolean }> {
    const { performance } = this.deps;
    const { modelId, modelVersion, policy, now } = this.tick;
    const cursor = await performance.cursor(modelId, modelVersion, 'window');
    this.touchedThrough = cursor?.touchedThrough ?? 0;
    let judgedThrough = cursor?.judgedThrough ?? null;
    let detectorState = cursor?.detectorState ?? '';
    const counts = await performance.windowCounts({ modelId, modelVersion, from: judgedThrough === null ? 0 : judgedThrough + 1, to: END_OF_TIME });
    const detectors = new VersionDetectors(detectorState, policy);
    let waiting = false;
    for (const window of counts) {
      if (!windowReady(window, await this.labelTime(), now, policy.performance.labelWaitSeconds)) {
        waiting = true;
        break;
      }
      if (judgedThrough !== null) await this.bucketBefore(judgedThrough, window);
      const { input, judgement } = await this.judge('window', window.windowStart, window.windowEnd);
      let evaluation = performanceEvaluation(input, judgement, policy);
      const hint = input.baseline ? { task: input.baseline.task, positiveClass: input.baseline.positiveClass, classes: input.baseline.classes } : undefined;
      evaluation = mergeDetectorFinding(evaluation, detectors.feed(input.rows, hint, { coverage: judgement.coverage, labelled: judgement.labelled }));
      await this.deps.sink.deliver([evaluation]);
      this.delivered.push(evaluation);
      this.deps.debug(
        `${modelId}/${modelVersion} performance ${new Date(window.windowStart).toISOString()}: ${judgement.metric} ${judgement.value ?? '-'} ` +
          `(baseline ${judgement.baselineValue ?? '-'}, ${judgement.labelled}/${judgement.predicted} labelled, ${judgement.judged ? 'judged' : `not judged: ${judgement.reason}`}, ` +
          `${evaluation.findings.length} finding(s))`,
      );
      judgedThrough = window.windowStart;
      detectorState = detectors.toJSON();
      await this.saveCursor(judgedThrough, detectorState, this.tick.since);
      const bucket = this.rollupMs() ? completedBucket(window.windowStart, window.windowEnd, this.rollupMs()) : null;
      if (bucket) await this.judgeBucket(bucket);
    }
    await this.recomputeTouched();
    // A quiet version still moves its touchedThrough now and then, so a restart does not
    // recompute everything touched since its last judged window.
    if (this.tick.next - this.touchedThrough > TOUCHED_REFRESH_MS) await this.saveCursor(judgedThrough, detectorState, this.tick.next);
    return { waiting };
  }

  /** The bucket of the last judged window is complete once a later window starts past its end. */
  private async bucketBefore(judgedThrough: number, window: WindowRef): Promise<void> {
    const ms = this.rollupMs();
    if (!ms || window.windowEnd - window.windowStart >= ms) return;
    const bucket = bucketOf(judgedThrough, ms);
    if (bucket.end <= window.windowStart) await this.judgeBucket(bucket);
  }

  private async judgeBucket(bucket: { start: number; end: number }): Promise<void> {
    const { modelId, modelVersion, policy } = this.tick;
    if (this.rollupCursor === undefined) this.rollupCursor = await this.deps.performance.cursor(modelId, modelVersion, 'rollup');
    const through = this.rollupCursor?.judgedThrough ?? null;
    if (through !== null && bucket.start <= through) return;
    const { input, judgement } = await this.judge('rollup', bucket.start, bucket.end);
    const evaluation = performanceEvaluation(input, judgement, policy);
    await this.deps.sink.deliver([evaluation]);
    this.delivered.push(evaluation);
    const cursor = { modelId, modelVersion, granularity: 'rollup' as const, judgedThrough: bucket.start, touchedThrough: this.tick.since, detectorState: '' };
    await this.deps.performance.saveCursor(cursor);
    this.rollupCursor = { ...cursor, updatedAt: this.tick.now };
  }

  /**
   * Windows touched since the last tick that the walk did not just judge: a late label for a
   * window judged long ago updates its stored performance (and its bucket's), and a window still
   * waiting shows its current coverage. Their evaluations are not delivered again: the alerter
   * judges windows in order, and the stored rows are what the API serves.
   */
  private async recomputeTouched(): Promise<void> {
    const ms = this.rollupMs();
    const buckets = new Map<number, { start: number; end: number }>();
    for (const w of this.tick.touched) {
      if (!this.computed.has(`window/${w.windowStart}`)) await this.judge('window', w.windowStart, w.windowEnd);
      if (ms && w.windowEnd - w.windowStart < ms) {
        const b = bucketOf(w.windowStart, ms);
        buckets.set(b.start, b);
      }
    }
    if (buckets.size === 0) return;
    if (this.rollupCursor === undefined) this.rollupCursor = await this.deps.performance.cursor(this.tick.modelId, this.tick.modelVersion, 'rollup');
    const through = this.rollupCursor?.judgedThrough ?? null;
    // Only judged buckets: a bucket still filling would be joined whole on every tick.
    for (const b of buckets.values()) if (through !== null && b.start <= through && !this.computed.has(`rollup/${b.start}`)) await this.judge('rollup', b.start, b.end);
  }

  /** Joins, judges and stores one window or bucket. */
  private async judge(granularity: 'window' | 'rollup', windowStart: number, windowEnd: number) {
    const { modelId, modelVersion, policy, now } = this.tick;
    const rows = await this.deps.performance.labelledPredictions({ modelId, modelVersion, from: windowStart, to: windowEnd });
    const baseline = await this.activeBaseline();
    const input: PerformanceJudgeInput = {
      modelId,
      modelVersion,
      granularity,
      windowStart,
      windowEnd,
      rows,
      ...(baseline?.performance ? { baseline: baseline.performance } : {}),
      baselineId: baseline?.baselineId ?? null,
      now,
    };
    const judgement = judgePerformance(input, policy);
    await this.deps.performance.savePerformance([performanceRow(input, judgement, now)]);
    this.computed.add(`${granularity}/${windowStart}`);
    return { input, judgement };
  }

  private async saveCursor(judgedThrough: number | null, detectorState: string, touchedThrough: number): Promise<void> {
    const { modelId, modelVersion } = this.tick;
    this.touchedThrough = Math.max(this.touchedThrough, touchedThrough);
    await this.deps.performance.saveCursor({ modelId, modelVersion, granularity: 'window', judgedThrough, touchedThrough: this.touchedThrough, detectorState });
  }

  private rollupMs(): number {
    return this.tick.policy.rollup.enabled ? this.tick.policy.rollup.bucketSeconds * 1000 : 0;
  }

  private async activeBaseline(): Promise<Baseline | null> {
    if (this.baseline === undefined) this.baseline = await this.deps.baselines.getActive(this.tick.modelId, this.tick.modelVersion);
    return this.baseline;
  }

  private async labelTime(): Promise<number | null> {
    if (this.maxLabelTime === undefined) this.maxLabelTime = await this.deps.performance.maxLabelTime(this.tick.modelId);
    return this.maxLabelTime;
  }
}
