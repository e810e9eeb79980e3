import { linearQuantile } from '../binning/quantile-edges';
import { CompensatedSum } from '../distances/compensated-sum.util';
import type { RegressionPair } from './pairs';

/** sklearn's `mean_absolute_percentage_error` divides by max(|y|, eps), eps = `np.finfo(float64).eps`. */
export const MAPE_EPSILON = Number.EPSILON;

/** Absolute error at these quantiles, numpy's default ("linear") interpolation. */
export const ABSOLUTE_ERROR_QUANTILES = { p50: 0.5, p90: 0.9, p99: 0.99 } as const;

export interface AbsoluteErrorQuantiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/**
 * Regression metrics of one window. Every value is null for an empty window; R² is also
 * null with a single pair (sklearn warns and returns NaN there).
 */
export interface RegressionMetrics {
  readonly count: number;
  /** `mean_absolute_error` */
  readonly mae: number | null;
  /** `root_mean_squared_error` */
  readonly rmse: number | null;
  /**
   * `mean_absolute_percentage_error`: mean of |ŷ − y| / max(|y|, 2⁻⁵²), a ratio (0.05 = 5 %).
   * A zero target with a wrong prediction makes it enormous (≈ 4.5e15 × the error), as in sklearn.
   */
  readonly mape: number | null;
  /**
   * `r2_score` with sklearn's `force_finite=True`: with a constant target (Σ(y − ȳ)² = 0)
   * it is 1 for perfect predictions and 0 otherwise. "Constant" is decided exactly (all
   * targets equal), where sklearn's floating mean can leave a tiny non-zero residual.
   */
  readonly r2: number | null;
  readonly absoluteErrorQuantiles: AbsoluteErrorQuantiles | null;
}

export function regressionMetrics(pairs: readonly RegressionPair[]): RegressionMetrics {
  const n = pairs.length;
  if (n === 0) return { count: 0, mae: null, rmse: null, mape: null, r2: null, absoluteErrorQuantiles: null };
  const absolute = new Float64Array(n);
  const absoluteSum = new CompensatedSum();
  const squaredSum = new CompensatedSum();
  const percentageSum = new CompensatedSum();
  const actualSum = new CompensatedSum();
  let constant = true;
  pairs.forEach((p, i) => {
    if (!Number.isFinite(p.actual) || !Number.isFinite(p.predicted)) {
      throw new RangeError(`regressionMetrics: pair ${i} is not finite (${p.actual}, ${p.predicted})`);
    }
    const e = p.predicted - p.actual;
    const a = Math.abs(e);
    absolute[i] = a;
    absoluteSum.add(a);
    squaredSum.add(e * e);
    percentageSum.add(a / Math.max(Math.abs(p.actual), MAPE_EPSILON));
    actualSum.add(p.actual);
    if (p.actual !== pairs[0].actual) constant = false;
  });
  const residual = squaredSum.value;
  let r2: number | null = null;
  if (n >= 2) {
    if (residual === 0) r2 = 1;
    else if (constant) r2 = 0;
    else {
      const mean = actualSum.value / n;
      const total = new CompensatedSum();
      for (const p of pairs) total.add((p.actual - mean) * (p.actual - mean));
      r2 = 1 - residual / total.value;
    }
  }
  absolute.sort();
  return {
    count: n,
    mae: absoluteSum.value / n,
    rmse: Math.sqrt(residual / n),
    mape: percentageSum.value / n,
    r2,
    absoluteErrorQuantiles: {
      p50: linearQuantile(absolute, ABSOLUTE_ERROR_QUANTILES.p50),
      p90: linearQuantile(absolute, ABSOLUTE_ERROR_QUANTILES.p90),
      p99: linearQuantile(absolute, ABSOLUTE_ERROR_QUANTILES.p99),
    },
  };
}
