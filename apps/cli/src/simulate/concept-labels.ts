import { DECISION_THRESHOLD } from './demo-model';

/**
 * The ground truth of the concept-drift demo. Before the flip the label agrees with the
 * model's decision (score ≥ DECISION_THRESHOLD) for AGREEMENT_BEFORE of the events: the
 * relation the model was trained on. After it, the same features lead to the opposite outcome
 * for all but AGREEMENT_AFTER of them: the world changed, the inputs did not.
 */
export const AGREEMENT_BEFORE = 0.9;
export const AGREEMENT_AFTER = 0.1;

/** The label of an event with this prediction; `u` a uniform draw of the label stream. */
export function conceptLabel(prediction: number, flipped: boolean, u: number): boolean {
  const decision = prediction >= DECISION_THRESHOLD;
  return u < (flipped ? AGREEMENT_AFTER : AGREEMENT_BEFORE) ? decision : !decision;
}
