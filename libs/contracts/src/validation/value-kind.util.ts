/** The JSON-ish kind of a value, for messages: "array" and "null" rather than "object". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Buffer.isBuffer(value)) return 'bytes';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A name or value short enough to print in a reason without flooding the DLQ. */
export function abbreviate(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
