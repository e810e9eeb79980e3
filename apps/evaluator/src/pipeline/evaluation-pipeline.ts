import type { Baseline, EvaluationMessage, WindowClosedMessage } from '@driftwatch/contracts';
import { bucketsSettledBy, chooseLaggedReference, dominantBaselineId, evaluateWindow, laggedSpan, type LaggedChoice, type Policy, type RollupBucket } from '@driftwatch/evaluation';
import type { FeatureKindRepository, Store, WindowAggregate } from '@driftwatch/store';
import { EvaluatorMetrics } from '../evaluator.metrics';
import type { BaselineCache } from './baseline-cache';
import type { PolicySource } from './policy-source';

/** The pure evaluation itself failed on this input: retrying cannot help, the message goes to the DLQ. */
export class EvaluationFailure extends Error {
  override readonly name = 'EvaluationFailure';
}

export interface PipelineLog {
  warn(message: string): void;
  debug(message: string): void;
}

/**
 * From a closed window to its evaluations: loads the window's summed histograms, the baseline
 * they were binned against and the model's policy, and judges the window; then judges, summed
 * from their windows, the rollup buckets (default: the hour) this close settles: those whose
 * windows all ended after the version's previous window and by this one (see
 * @driftwatch/evaluation rollup-due.util.ts), so an hour whose last minutes had no window is
 * judged at the version's next close. Reads only; storing and publishing are the sink's.
 */
export class EvaluationPipeline {
  constructor(
    private readonly store: Store,
    private readonly kinds: FeatureKindRepository,
    private readonly policies: PolicySource,
    private readonly baselines: BaselineCache,
    private readonly log: PipelineLog,
    private readonly metrics = new EvaluatorMetrics(),
  ) {}

  async evaluateClosed(message: WindowClosedMessage, now: number): Promise<EvaluationMessage[]> {
    const { modelId, modelVersion } = message;
    const policy = await this.policies.get(modelId, now);
    const out: EvaluationMessage[] = [];
    const window = await this.store.windows.window(modelId, modelVersion, message.windowStart);
    if (!window) {
      this.log.warn(`window ${new Date(message.windowStart).toISOString()} of ${modelId}/${modelVersion} is announced closed but has no data; skipped`);
    } else {
      const evaluation = await this.judge(window, policy, 'window', now);
      if (evaluation) out.push(evaluation);
    }
    if (policy.rollup.enabled) {
      const previous = await this.store.windows.previousWindow(modelId, modelVersion, message.windowStart);
      for (const bucket of bucketsSettledBy(message, previous, policy.rollup.bucketSeconds * 1000)) {
        const evaluation = await this.judgeBucket(modelId, modelVersion, bucket, policy, now);
        if (evaluation) out.push(evaluation);
      }
    }
    return out;
  }

  /** A rollup bucket summed from its stored windows, judged; null when it has none or no baseline. */
  async judgeBucket(modelId: string, modelVersion: string, bucket: RollupBucket, policy: Policy, now: number): Promise<EvaluationMessage | null> {
    const [rollup] = await this.store.windows.rollup({ modelId, modelVersion, from: bucket.start, to: bucket.end, bucketSeconds: policy.rollup.bucketSeconds });
    return rollup ? this.judge(rollup, policy, 'rollup', now) : null;
  }

  private judge(window: WindowAggregate, policy: Policy, granularity: 'window' | 'rollup', now: number): Promise<EvaluationMessage | null> {
    return this.metrics.timeEvaluation(granularity, () => this.judgeTimed(window, policy, granularity, now));
  }

  private async judgeTimed(window: WindowAggregate, policy: Policy, granularity: 'window' | 'rollup', now: number): Promise<EvaluationMessage | null> {
    const baselineId = dominantBaselineId(window.features);
    if (!baselineId) {
      this.log.debug(`${window.modelId}/${window.modelVersion} has no baseline: ${granularity} not judged`);
      return null;
    }
    const baseline = await this.baselines.get(window.modelId, baselineId);
    if (!baseline) {
      this.log.warn(`baseline ${baselineId} of ${window.modelId} not found: ${granularity} ${new Date(window.windowStart).toISOString()} not judged`);
      return null;
    }
    if (granularity === 'window') this.metrics.observeBaseline(window.modelId, window.modelVersion, baseline.createdAt);
    const valueKinds = await this.valueKinds(window, baseline.features.map((f) => f.name));
    const lagged = await this.lagged(window, baseline, policy);
    try {
      return evaluateWindow({ baseline, window, policy, now, granularity, valueKinds, ...(lagged ? { lagged } : {}) });
    } catch (error) {
      throw new EvaluationFailure(`evaluating ${granularity} ${new Date(window.windowStart).toISOString()} of ${window.modelId}/${window.modelVersion} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** The same span `reference.lagSeconds` earlier, summed from the stored windows, when the policy asks for it. */
  private async lagged(window: WindowAggregate, baseline: Baseline, policy: Policy): Promise<LaggedChoice | undefined> {
    if (policy.reference.mode === 'baseline') return undefined;
    const span = laggedSpan(window.windowStart, window.windowEnd, policy);
    const stored = await this.store.windows.span({ modelId: window.modelId, modelVersion: window.modelVersion, ...span });
    return chooseLaggedReference(baseline, stored, span, policy);
  }

  /** Value kinds are evidence only for type errors and unknown features: read them only then. */
  private async valueKinds(window: WindowAggregate, known: readonly string[]): Promise<Record<string, Record<string, number>> | undefined> {
    const names = new Set(known);
    if (!window.features.some((f) => f.typeErrors > 0 || !names.has(f.feature))) return undefined;
    const rows = await this.kinds.list({ modelId: window.modelId, modelVersion: window.modelVersion, from: window.windowStart, to: window.windowEnd });
    const out: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      const target = (out[r.feature] ??= {});
      for (const [kind, n] of Object.entries(r.kinds)) target[kind] = (target[kind] ?? 0) + n;
    }
    return out;
  }
}
