export type ValidationResult<T> = { ok: true; value: T } | { ok: false; reason: string; issues: string[] };

/** Enough issues to fix a producer in one go, bounded so a reason stays readable in the DLQ. */
const MAX_ISSUES_IN_REASON = 10;

export function invalid<T>(issues: string[]): ValidationResult<T> {
  const shown = issues.slice(0, MAX_ISSUES_IN_REASON);
  const rest = issues.length - shown.length;
  const reason = shown.join('; ') + (rest > 0 ? `; and ${rest} more` : '');
  return { ok: false, reason, issues };
}

/** Thrown by encoders: producing an invalid event is a bug in our code, not bad input. */
export class ContractValidationError extends Error {
  constructor(
    what: string,
    readonly issues: string[],
  ) {
    super(`invalid ${what}: ${issues.join('; ')}`);
    this.name = 'ContractValidationError';
  }
}
