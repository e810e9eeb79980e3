/** A data file that cannot be used; `message` is one line meant for the user. */
export class TabularError extends Error {
  override readonly name = 'TabularError';
  constructor(
    message: string,
    readonly code: 'not-found' | 'unreadable' | 'unknown-format' | 'no-rows' | 'bad-content' | 'bad-column',
  ) {
    super(message);
  }
}
