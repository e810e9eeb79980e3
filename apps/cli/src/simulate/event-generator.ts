import type { InferenceEventInput } from '@driftwatch/contracts';
import { demoRow, type DemoRow } from './demo-model';
import { DRIFT_SCENARIOS, type ScenarioName } from './drift-scenarios';
import { seededRandom, type SeededRandom } from '@driftwatch/stats';

export interface GeneratorOptions {
  modelId: string;
  modelVersion: string;
  seed: number;
  scenario: ScenarioName;
  /** Index of the first drifted event; events before it are clean. */
  driftFrom: number;
  /** Prefix of the event ids, unique per run, so two runs never share an id. */
  runId: string;
}

/** The stream the baseline's sample is drawn from: same distribution, other values than the events. */
const BASELINE_STREAM = 0x0ba5e11e;
/** The scenario's own stream, so injecting a failure never shifts the clean stream's draws. */
const SCENARIO_STREAM = 0x5ce7a210;

/**
 * Synthetic inference events of the demo model, in order, deterministic for a seed: the
 * same seed, scenario and drift start give the same features and predictions on every run
 * (only the ids and timestamps, given from outside, differ).
 */
export class EventGenerator {
  private readonly clean: SeededRandom;
  private readonly drift: SeededRandom;
  private index = 0;

  constructor(private readonly options: GeneratorOptions) {
    this.clean = seededRandom(options.seed);
    this.drift = seededRandom(options.seed ^ SCENARIO_STREAM);
  }

  /** The next event, stamped with `timestamp` (epoch ms). */
  next(timestamp: number): InferenceEventInput {
    const i = this.index++;
    const row = demoRow(this.clean);
    if (i >= this.options.driftFrom) DRIFT_SCENARIOS[this.options.scenario].apply(row, this.drift.uniform());
    return {
      eventId: `${this.options.runId}-${i}`,
      modelId: this.options.modelId,
      modelVersion: this.options.modelVersion,
      timestamp,
      features: row.features,
      prediction: row.prediction,
    };
  }
}

/** `count` clean rows for a baseline, from a stream independent of the events' for the same seed. */
export function baselineRows(count: number, seed: number): DemoRow[] {
  const rand = seededRandom(seed ^ BASELINE_STREAM);
  return Array.from({ length: count }, () => demoRow(rand));
}
