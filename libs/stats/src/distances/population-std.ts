import { CompensatedSum } from './compensated-sum.util';

/** `np.std(values)`: population standard deviation (ddof = 0), two-pass. NaN when empty. */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) sum.add(values[i]);
  const mean = sum.value / n;
  const squares = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares.add(d * d);
  }
  return Math.sqrt(squares.value / n);
}
