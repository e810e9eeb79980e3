import { Counter, register } from 'prom-client';
import { ModelLabels } from '../model-labels';

export const LABEL_OUTCOMES = ['stored', 'invalid'] as const;
export type LabelOutcome = (typeof LABEL_OUTCOMES)[number];

/**
 * `driftwatch_labels_total{model,outcome}` on the default registry (created once per process).
 * The model label is bounded like the aggregator's event counter: after MAX_MODEL_LABELS distinct
 * models new ones count as `other`, and `unknown` is used when a bad message names none. Both
 * outcomes of a model start at 0 the first time the model is seen (or at start, for models
 * with a baseline), so the first burst shows in increase().
 */
export class LabelMetrics {
  readonly labels =
    (register.getSingleMetric('driftwatch_labels_total') as Counter<'model' | 'outcome'> | undefined) ??
    new Counter({ name: 'driftwatch_labels_total', help: 'Labels consumed from inference-labels, by model and outcome.', labelNames: ['model', 'outcome'] });

  private readonly models = new ModelLabels(this.labels, LABEL_OUTCOMES);

  modelLabel(modelId: string | undefined): string {
    return this.models.of(modelId);
  }

  count(modelId: string | undefined, outcome: LabelOutcome, n = 1): void {
    this.labels.inc({ model: this.modelLabel(modelId), outcome }, n);
  }
}
