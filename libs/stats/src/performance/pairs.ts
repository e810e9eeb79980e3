/**
 * Stored (prediction, label) pairs of one window, the input of the performance metrics.
 * Class labels are strings (a numeric class 0/1 is stored as "0"/"1"), so the same label
 * keys a probability map; a label such as "__proto__" is an ordinary class here.
 */
export interface ClassificationPair {
  /** The label joined to the prediction (ground truth). */
  readonly actual: string;
  /** The class the model predicted. */
  readonly predicted: string;
  /** Binary windows: the model's probability of the positive class, in [0, 1]. */
  readonly score?: number;
  /** Multi-class windows: class → probability; a class missing from the map has probability 0. */
  readonly probabilities?: Readonly<Record<string, number>>;
}

export interface RegressionPair {
  readonly actual: number;
  readonly predicted: number;
}

/** One value per class, in the order of `ClassificationOptions.classes`. */
export interface PerClassValue {
  readonly label: string;
  /** null where the metric is undefined for that class in this window. */
  readonly value: number | null;
}
