import type { IncidentKind } from '@driftwatch/contracts';
import { AGREEMENT_AFTER, AGREEMENT_BEFORE } from './concept-labels';
import { round, type DemoRow } from './demo-model';

export const SCENARIO_NAMES = ['none', 'shift', 'missing', 'new-category', 'type-error', 'unit', 'prediction', 'concept'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface DriftScenario {
  name: ScenarioName;
  /** What it does, for --help and the summary. */
  description: string;
  /** The incident it should raise, and on which feature (null: the model as a whole). */
  expect: { kind: IncidentKind; feature: string | null } | null;
  /**
   * Incidents the failure raises besides `expect` under the default policy, and why: a new
   * category or a unit error also moves the feature's distribution, which is drift in its own
   * right (a warning, as the demo model ranks region and amount minor).
   */
  also: ReadonlyArray<{ kind: IncidentKind; feature: string; severity: 'warning' | 'critical'; why: string }>;
  /**
   * Changes one row in place. `u` is a uniform draw of the scenario's own stream, made for
   * every drifted row whether used or not, so the clean stream is never disturbed.
   */
  apply(row: DemoRow, u: number): void;
}

/** income moves up by about one baseline standard deviation (its std is ≈ 24,000). */
const INCOME_SHIFT = 25_000;
export const MISSING_SHARE = 0.5;
export const NEW_CATEGORY_SHARE = 0.2;
export const NEW_CATEGORY = 'overseas';
export const TYPE_ERROR_SHARE = 0.4;
export const UNIT_SHARE = 0.25;
export const UNIT_FACTOR = 1_000_000;
/** Added to the prediction's logit: approvals become more likely, features unchanged. */
export const PREDICTION_LOGIT_SHIFT = 1.5;

export const DRIFT_SCENARIOS: Readonly<Record<ScenarioName, DriftScenario>> = {
  none: { name: 'none', description: 'clean traffic throughout', expect: null, also: [], apply: () => undefined },
  shift: {
    name: 'shift',
    description: `income moves up by ${INCOME_SHIFT.toLocaleString('en-US')} (about one standard deviation)`,
    expect: { kind: 'data_drift', feature: 'income' },
    also: [],
    apply: (row) => {
      row.features.income = round((row.features.income as number) + INCOME_SHIFT, 2);
    },
  },
  missing: {
    name: 'missing',
    description: `channel, the top feature, is null in ${MISSING_SHARE * 100}% of events`,
    expect: { kind: 'missing_feature', feature: 'channel' },
    also: [],
    apply: (row, u) => {
      if (u < MISSING_SHARE) row.features.channel = null;
    },
  },
  'new-category': {
    name: 'new-category',
    description: `region "${NEW_CATEGORY}", unseen in training, in ${NEW_CATEGORY_SHARE * 100}% of events`,
    expect: { kind: 'new_category', feature: 'region' },
    also: [{ kind: 'data_drift', feature: 'region', severity: 'warning', why: "the new category moves region's distribution too" }],
    apply: (row, u) => {
      if (u < NEW_CATEGORY_SHARE) row.features.region = NEW_CATEGORY;
    },
  },
  'type-error': {
    name: 'type-error',
    description: `age sent as a string ("42") in ${TYPE_ERROR_SHARE * 100}% of events`,
    expect: { kind: 'schema_violation', feature: 'age' },
    also: [],
    apply: (row, u) => {
      if (u < TYPE_ERROR_SHARE) row.features.age = String(row.features.age);
    },
  },
  unit: {
    name: 'unit',
    description: `amount ${UNIT_FACTOR.toLocaleString('en-US')} times too large in ${UNIT_SHARE * 100}% of events (wrong unit)`,
    expect: { kind: 'out_of_range', feature: 'amount' },
    also: [{ kind: 'data_drift', feature: 'amount', severity: 'warning', why: "the inflated values move its distribution too" }],
    apply: (row, u) => {
      if (u < UNIT_SHARE) row.features.amount = (row.features.amount as number) * UNIT_FACTOR;
    },
  },
  prediction: {
    name: 'prediction',
    description: `predictions move up (logit +${PREDICTION_LOGIT_SHIFT}) while the features stay the same`,
    expect: { kind: 'prediction_drift', feature: null },
    also: [],
    apply: (row) => {
      const p = row.prediction;
      // The 4-decimal rounding can give exactly 0 or 1: keep the logit finite.
      const clamped = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
      const logit = Math.log(clamped / (1 - clamped)) + PREDICTION_LOGIT_SHIFT;
      row.prediction = round(1 / (1 + Math.exp(-logit)), 4);
    },
  },
  concept: {
    name: 'concept',
    description: `features and predictions stay as in training; the labels flip (agreeing with the model's decision ${AGREEMENT_BEFORE * 100}% → ${AGREEMENT_AFTER * 100}% of the time)`,
    expect: { kind: 'performance_degradation', feature: null },
    also: [],
    // The events do not change: the relation to their labels does (EventGenerator, conceptLabel).
    apply: () => undefined,
  },
};
