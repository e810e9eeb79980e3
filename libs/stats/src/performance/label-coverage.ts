/** How much of a window's predictions have a joined label. */
export interface LabelCoverage {
  readonly labelled: number;
  readonly predicted: number;
  /** labelled / predicted in [0, 1]; null when nothing was predicted. */
  readonly coverage: number | null;
}

/** Throws unless both counts are non-negative integers with labelled <= predicted. */
export function labelCoverage(labelled: number, predicted: number): LabelCoverage {
  if (!Number.isInteger(labelled) || !Number.isInteger(predicted) || labelled < 0 || predicted < 0) {
    throw new RangeError(`labelCoverage: counts must be non-negative integers, got ${labelled} / ${predicted}`);
  }
  if (labelled > predicted) {
    throw new RangeError(`labelCoverage: ${labelled} labelled pairs exceed ${predicted} predictions`);
  }
  return { labelled, predicted, coverage: predicted === 0 ? null : labelled / predicted };
}
