import type { InferenceEventInput } from '@driftwatch/contracts';
import { conceptLabel } from './concept-labels';
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
  /** Share of the events that ever get a label (default 1). */
  labelShare?: number;
}

/** An event and its ground truth: null when it never gets one. */
export interface LabelledEvent {
  event: InferenceEventInput;
  label: boolean | null;
}

/** The stream the baseline's sample is drawn from: same distribution, other values than the events. */
const BASELINE_STREAM = 0x0ba5e11e;
/** The scenario's own stream, so injecting a failure never shifts the clean stream's draws. */
const SCENARIO_STREAM = 0x5ce7a210;
/** The labels' stream: which events get one and whether it agrees with the model. */
const LABEL_STREAM = 0x1abe1500;

/**
 * Synthetic inference events of the demo model, in order, deterministic for a seed: the
 * same seed, scenario and drift start give the same features and predictions on every run
 * (only the ids and timestamps, given from outside, differ).
 */
export class EventGenerator {
  private readonly clean: SeededRandom;
  private readonly drift: SeededRandom;
  private readonly labels: SeededRandom;
  private index = 0;

  constructor(private readonly options: GeneratorOptions) {
    this.clean = seededRandom(options.seed);
    this.drift = seededRandom(options.seed ^ SCENARIO_STREAM);
    this.labels = seededRandom(options.seed ^ LABEL_STREAM);
  }

  /** The next event, stamped with `timestamp` (epoch ms). */
  next(timestamp: number): InferenceEventInput {
    return this.nextLabelled(timestamp).event;
  }

  /**
   * The next event and its label: the relation the model learnt (conceptLabel), flipped from
   * the drift start in the concept scenario. Two label draws per event whether it is labelled
   * or not, so the share never changes which label an event gets.
   */
  nextLabelled(timestamp: number): LabelledEvent {
    const i = this.index++;
    const row = demoRow(this.clean);
    const drifted = i >= this.options.driftFrom;
    if (drifted) DRIFT_SCENARIOS[this.options.scenario].apply(row, this.drift.uniform());
    const labelled = this.labels.uniform() < (this.options.labelShare ?? 1);
    const label = conceptLabel(row.prediction, drifted && this.options.scenario === 'concept', this.labels.uniform());
    return {
      event: {
        eventId: `${this.options.runId}-${i}`,
        modelId: this.options.modelId,
        modelVersion: this.options.modelVersion,
        timestamp,
        features: row.features,
        prediction: row.prediction,
      },
      label: labelled ? label : null,
    };
  }
}

/** `count` clean rows for a baseline, from a stream independent of the events' for the same seed. */
export function baselineRows(count: number, seed: number): DemoRow[] {
  const rand = seededRandom(seed ^ BASELINE_STREAM);
  return Array.from({ length: count }, () => demoRow(rand));
}

/** Labels of the baseline rows: the relation before any flip, from their own stream. */
export function baselineLabels(rows: readonly DemoRow[], seed: number): boolean[] {
  const rand = seededRandom(seed ^ BASELINE_STREAM ^ LABEL_STREAM);
  return rows.map((row) => conceptLabel(row.prediction, false, rand.uniform()));
}
