/**
 * River's `stats.Mean` and `stats.Var` (ddof = 1) update formulas, kept as plain objects so detector
 * state serialises as is. The same operation order as River keeps results bit-identical, which matters
 * because the detectors compare these values against thresholds.
 */
export interface MeanState {
  n: number;
  mean: number;
}

export const newMean = (): MeanState => ({ n: 0, mean: 0 });

export function updateMean(m: MeanState, x: number): void {
  m.n += 1;
  m.mean += (1 / m.n) * (x - m.mean);
}

export interface VarState extends MeanState {
  /** Sum of squared deviations (Welford's S). */
  s: number;
}

export const newVar = (): VarState => ({ n: 0, mean: 0, s: 0 });

export function updateVar(v: VarState, x: number): void {
  const old = v.mean;
  updateMean(v, x);
  v.s += 1 * (x - old) * (x - v.mean);
}

export const sampleVariance = (v: VarState): number => (v.n > 1 ? v.s / (v.n - 1) : 0);
