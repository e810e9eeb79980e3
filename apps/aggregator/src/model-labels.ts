import type { Counter } from 'prom-client';

/** Distinct model labels allowed before new ones are folded into "other" (labels must stay bounded). */
export const MAX_MODEL_LABELS = 500;

/**
 * The `model` label of a per-model counter: the model id while few are seen, `other` beyond
 * MAX_MODEL_LABELS, `unknown` when a message names none. Each label's outcome series start at
 * 0 when the label is first given, so a first burst shows in increase()/rate() rather than
 * being the series' first sample.
 */
export class ModelLabels {
  private readonly models = new Set<string>();
  private readonly zeroed = new Set<string>();

  constructor(
    private readonly counter: Counter<'model' | 'outcome'>,
    private readonly outcomes: readonly string[],
  ) {}

  of(modelId: string | undefined): string {
    const label = this.labelOf(modelId);
    if (!this.zeroed.has(label)) {
      this.zeroed.add(label);
      for (const outcome of this.outcomes) this.counter.inc({ model: label, outcome }, 0);
    }
    return label;
  }

  private labelOf(modelId: string | undefined): string {
    if (!modelId) return 'unknown';
    if (this.models.has(modelId)) return modelId;
    if (this.models.size >= MAX_MODEL_LABELS) return 'other';
    this.models.add(modelId);
    return modelId;
  }
}
