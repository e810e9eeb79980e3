export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads variables from an environment, collecting every problem instead of stopping at the
 * first. An empty or blank value counts as unset, because compose files and shells often
 * export `VAR=` to mean "not configured".
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      return this.fail(name, `expected an integer ${min}..${max}`, value, fallback);
    }
    return n;
  }

  /** A finite decimal number >= min (for durations in seconds, where 0.5 is reasonable). */
  number(name: string, fallback: number, min: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < min) return this.fail(name, `expected a number >= ${min}`, value, fallback);
    return n;
  }

  /** Matches `pattern`; `expected` describes it for the error message. */
  matching(name: string, fallback: string, pattern: RegExp, expected: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!pattern.test(value)) return this.fail(name, `expected ${expected}`, value, fallback);
    return value;
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }

  private fail<T>(name: string, expected: string, got: string, fallback: T): T {
    this.problem(name, `${expected}, got ${JSON.stringify(got)}`);
    return fallback;
  }
}
