import { Gauge, Histogram, register, type Metric } from 'prom-client';

// The default registry, so the api's /metrics (standalone) or the evaluator's own (distributed)
// shows these. Created once per process: the standalone app and tests may build several evaluators.
function singleton<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const EVALUATION_GRANULARITIES = ['window', 'rollup'] as const;

/** Model versions whose baseline age is exported at most; the least recently evaluated go first. */
export const MAX_BASELINE_AGE_SERIES = 1_000;

interface BaselineSeen {
  model: string;
  version: string;
  createdAt: number;
}

/** Per process, like the metrics: read at every scrape, so the age keeps growing between evaluations. */
const baselines = new Map<string, BaselineSeen>();

export class EvaluatorMetrics {
  readonly evaluationDuration = singleton(
    'driftwatch_evaluator_evaluation_duration_seconds',
    () =>
      new Histogram({
        name: 'driftwatch_evaluator_evaluation_duration_seconds',
        help: 'Time to judge one window or rollup bucket (store reads, baseline, evaluation), by granularity (window, rollup).',
        labelNames: ['granularity'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );
  readonly baselineAge = singleton(
    'driftwatch_baseline_age_seconds',
    () =>
      new Gauge({
        name: 'driftwatch_baseline_age_seconds',
        help: 'Seconds since the baseline the latest evaluation of a model version was judged against was created, by model and model_version.',
        labelNames: ['model', 'model_version'],
        collect() {
          this.reset();
          const now = Date.now();
          for (const b of baselines.values()) this.set({ model: b.model, model_version: b.version }, Math.max(0, (now - b.createdAt) / 1000));
        },
      }),
  );

  constructor() {
    // Series start at 0 observations, so rate() sees the first evaluations.
    for (const granularity of EVALUATION_GRANULARITIES) this.evaluationDuration.zero({ granularity });
  }

  /** The baseline a model version was last judged against (its age is exported from then on). */
  observeBaseline(model: string, version: string, createdAt: number): void {
    const key = JSON.stringify([model, version]);
    baselines.delete(key);
    baselines.set(key, { model, version, createdAt });
    if (baselines.size > MAX_BASELINE_AGE_SERIES) baselines.delete(baselines.keys().next().value as string);
  }

  /** Times `work` as one evaluation of `granularity`, failures included. */
  async timeEvaluation<T>(granularity: (typeof EVALUATION_GRANULARITIES)[number], work: () => Promise<T>): Promise<T> {
    const end = this.evaluationDuration.startTimer({ granularity });
    try {
      return await work();
    } finally {
      end();
    }
  }
}
