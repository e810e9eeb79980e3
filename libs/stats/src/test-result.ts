/** Outcome of a statistical test, as scipy reports it (statistic, two-sided p-value). */
export interface TestResult {
  statistic: number;
  pValue: number;
}
