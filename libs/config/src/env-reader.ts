import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

const SIGNED_INTEGER = /^[+-]?\d+$/;
const DIGITS = /^\d+$/;
const FLAG_ON = ['on', 'true', '1', 'yes'];
const FLAG_OFF = ['off', 'false', '0', 'no'];

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

  /** The value exactly as given (for secrets, where spaces count), undefined when blank. */
  untrimmed(name: string): string | undefined {
    return this.raw(name) === undefined ? undefined : this.env[name];
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** An integer min..max, optionally signed (`+8080` is accepted). */
  integer(name: string, fallback: number, min: number, max: number): number {
    return this.integerMatching(name, fallback, min, max, SIGNED_INTEGER);
  }

  /**
   * An integer min..max written as plain digits: a sign, even `+5` or `-0`, is an error. The
   * services' own knobs (aggregator, evaluator, alerter) have always been read this strictly.
   */
  unsignedInteger(name: string, fallback: number, min: number, max: number): number {
    return this.integerMatching(name, fallback, min, max, DIGITS);
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

  /** Exactly one of `allowed` (case-sensitive). */
  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) return this.fail(name, `expected one of ${allowed.join(', ')}`, value, fallback);
    return value as T;
  }

  /** on/true/1/yes or off/false/0/no, in any case. */
  flag(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (FLAG_ON.includes(value)) return true;
    if (FLAG_OFF.includes(value)) return false;
    return this.fail(name, 'expected on or off', value, fallback);
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }

  /** Throws a `ConfigError` listing every problem collected so far, if there is any. */
  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  private integerMatching(name: string, fallback: number, min: number, max: number, syntax: RegExp): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = syntax.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      return this.fail(name, `expected an integer ${min}..${max}`, value, fallback);
    }
    return n;
  }

  private fail<T>(name: string, expected: string, got: string, fallback: T): T {
    this.problem(name, `${expected}, got ${JSON.stringify(got)}`);
    return fallback;
  }
}
