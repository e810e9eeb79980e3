/** The kafkajs error type (`MESSAGE_TOO_LARGE`, `REBALANCE_IN_PROGRESS`, …) of an error or of one of its causes. */
export function kafkaErrorType(error: unknown): string | undefined {
  let e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string') return e.type;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return undefined;
}

const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

/** The broker refused a produce request because a record batch was over its size limit. */
export function isTooLargeError(error: unknown): boolean {
  return TOO_LARGE.has(kafkaErrorType(error) ?? '');
}
