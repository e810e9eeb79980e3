import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * Holds a secret so that logging, string interpolation, JSON.stringify or util.inspect of a
 * config object can never print it; only an explicit `reveal()` gives the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
