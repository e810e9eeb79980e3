import { ConsoleLogger } from '@nestjs/common';
import { ConfigError } from '@driftwatch/config';
import { EmbeddedStoreLockedError, EmbeddedStoreOpenError } from '@driftwatch/store';

/**
 * Nest logs a start-up failure with its stack before rethrowing it. For failures the
 * operator fixes without reading code (invalid configuration, a data directory held by
 * another process), runHttpService prints one line instead, so that log is dropped here.
 */
export class ServiceLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler' && isOperatorError(message)) return;
    super.error(message, ...rest);
  }
}

export function isOperatorError(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof EmbeddedStoreLockedError || error instanceof EmbeddedStoreOpenError;
}
