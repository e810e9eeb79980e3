/**
 * A ClickHouse identifier for any column name found in a file: back-quoted, with backslash
 * and back-quote escaped, so a header cell can never break out of the identifier.
 */
export function quoteIdentifier(name: string): string {
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

/** A ClickHouse string literal (only for constants written in this code base; user values go through query parameters). */
export function quoteString(value: string): string {
  return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}
