const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes a database or table name for SQL. Identifiers cannot be bound as query values in
 * every statement (DDL, INSERT targets), so they are spliced in, and only plain identifiers
 * are accepted so that nothing else can reach the SQL text. Values always go through
 * `{name:Type}` query parameters.
 */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Invalid SQL identifier ${JSON.stringify(name)}: expected [A-Za-z_][A-Za-z0-9_]*`);
  }
  return `\`${name}\``;
}
