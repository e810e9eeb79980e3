/** 30 days, the period of a policy's false-alarm target. */
export const FALSE_ALARM_PERIOD_MS = 30 * 86_400_000;

export interface FalseAlarmBudget {
  /** Target false incidents per model per 30 days (policy drift.falseAlarmRate). */
  falseAlarmsPer30Days: number;
  /** Length of the judged window or rollup bucket. */
  windowMs: number;
  /** Features judged in it (each a chance of a false signal). */
  features: number;
  /** Consecutive bad windows that open an incident (policy alerting.openAfter). */
  openAfter: number;
  /** Share of the target this granularity may spend (the windows and the hourly rollup split it). */
  share?: number;
}

/**
 * The per-feature, per-window false-alarm level α of a target rate. An incident opens after
 * `openAfter` consecutive windows each with a false signal, so with W windows in 30 days the
 * model-level per-window level r must satisfy W·r^openAfter ≤ target (clean windows are
 * independent); r is spread over the F features by Bonferroni (α = r / F, which bounds the
 * chance that any feature signals by r whatever their dependence). At the defaults (1 per 30
 * days, 1-minute windows, openAfter 1, 20 features, half the target to the windows) α ≈ 5.8e-7.
 */
export function perFeatureAlpha(budget: FalseAlarmBudget): number {
  const { falseAlarmsPer30Days, windowMs, features, openAfter } = budget;
  const share = budget.share ?? 1;
  if (!(falseAlarmsPer30Days > 0)) throw new RangeError(`perFeatureAlpha: the false-alarm target must be > 0, got ${falseAlarmsPer30Days}`);
  if (!(windowMs > 0)) throw new RangeError(`perFeatureAlpha: the window length must be > 0 ms, got ${windowMs}`);
  if (!(share > 0 && share <= 1)) throw new RangeError(`perFeatureAlpha: the share must be in (0, 1], got ${share}`);
  const windows = FALSE_ALARM_PERIOD_MS / windowMs;
  const k = Math.max(1, Math.floor(openAfter));
  const perWindow = Math.min(1, ((falseAlarmsPer30Days * share) / windows) ** (1 / k));
  // Never above 0.5: a level that high is not a calibration any more (a target of thousands a month).
  return Math.min(0.5, perWindow / Math.max(1, features));
}
