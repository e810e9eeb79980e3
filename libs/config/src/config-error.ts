/**
 * Thrown by `loadConfig` with every problem found, one per line, each naming the variable,
 * so an operator fixes the whole environment in one go instead of one restart per mistake.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
