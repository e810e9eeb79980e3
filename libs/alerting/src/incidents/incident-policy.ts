/** The hysteresis and re-notification rules of the alerter (open after N, resolve after M). */
export interface IncidentPolicy {
  /** Consecutive bad windows before an incident opens. */
  openAfter: number;
  /** Consecutive clean windows before an open incident resolves. */
  resolveAfter: number;
  /** While open, a bad window re-notifies ('updated') at most once per this many seconds of event time, unless severity rises. */
  cooldownSeconds: number;
}

export const DEFAULT_INCIDENT_POLICY: Readonly<IncidentPolicy> = Object.freeze({ openAfter: 1, resolveAfter: 3, cooldownSeconds: 3600 });

const LIMITS = { openAfter: [1, 10_000], resolveAfter: [1, 10_000], cooldownSeconds: [0, 365 * 24 * 3600] } as const;

/**
 * The policy for one evaluation: the evaluation's own numbers (the model's policy, when the
 * evaluator sends it) over the alerter's defaults. A value out of range or of the wrong type is
 * ignored field by field, so a bad policy upstream degrades to the defaults rather than stopping
 * the alerter; `problems` says what was ignored so the caller can log it.
 */
export function resolveIncidentPolicy(
  override: unknown,
  defaults: Readonly<IncidentPolicy> = DEFAULT_INCIDENT_POLICY,
): { policy: IncidentPolicy; problems: string[] } {
  const policy = { ...defaults };
  const problems: string[] = [];
  if (override === undefined || override === null) return { policy, problems };
  if (typeof override !== 'object' || Array.isArray(override)) return { policy, problems: ['policy: expected an object'] };
  for (const field of Object.keys(LIMITS) as (keyof IncidentPolicy)[]) {
    const value = (override as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    const [min, max] = LIMITS[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`policy.${field}: expected an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
      continue;
    }
    policy[field] = value;
  }
  return { policy, problems };
}
