import { methodSpec, type DriftMethod } from './method-registry';

/**
 * Whether a decision value signals drift against `threshold` (or any other level, such as the
 * evaluator's critical one), in the method's direction (see METHOD_REGISTRY). No value, or a
 * NaN one, never signals drift: a missing figure must not raise an alert. An infinite distance
 * always does.
 */
export function exceedsThreshold(method: DriftMethod, value: number | null, threshold: number): boolean {
  if (value === null || Number.isNaN(value)) return false;
  switch (methodSpec(method).drifts) {
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '>=':
      return value >= threshold;
  }
}
