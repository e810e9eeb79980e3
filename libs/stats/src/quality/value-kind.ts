export type ValueKind = 'number' | 'string' | 'boolean' | 'null' | 'other';
export type FeatureSchemaKind = 'numeric' | 'categorical' | 'boolean';
export type ValueClass = 'valid' | 'missing' | 'type-error';

/**
 * JSON-level kind of an event's feature value. `undefined` (feature absent) is 'null';
 * bigint (a decoded Avro long) is 'number'; objects and arrays are 'other'.
 */
export function valueKind(v: unknown): ValueKind {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'undefined':
      return 'null';
    default:
      return v === null ? 'null' : 'other';
  }
}

/**
 * Whether an event value is missing, valid for the feature's kind, or a type error.
 *
 * Event values are typed JSON/Avro values, so the check is on the type, never on content:
 * - numeric: numbers only. A string in a numeric feature is a type error even when it looks
 *   numeric ("42"): an int→string schema change is exactly what users want caught.
 *   NaN (possible from Avro doubles) is missing, as everywhere in this lib.
 * - categorical: strings, and numbers (integer-coded categories are common; the category is
 *   String(v), see categoryKey). Booleans and objects are type errors.
 * - boolean: booleans only.
 * null/undefined is missing for every kind. Text sources (CSV) must parse cells first:
 * see parseNumericCell / parseBooleanCell.
 */
export function classifyValue(v: unknown, kind: FeatureSchemaKind): ValueClass {
  if (v === null || v === undefined) return 'missing';
  const t = typeof v;
  if (t === 'number') {
    if (v !== v) return 'missing';
    return kind === 'boolean' ? 'type-error' : 'valid';
  }
  if (t === 'bigint') return kind === 'boolean' ? 'type-error' : 'valid';
  if (t === 'string') return kind === 'categorical' ? 'valid' : 'type-error';
  if (t === 'boolean') return kind === 'boolean' ? 'valid' : 'type-error';
  return 'type-error';
}

/** True unless `v` is a type error for the feature's kind; missing values fit (they are counted as missing). */
export function fitsFeatureKind(v: unknown, kind: FeatureSchemaKind): boolean {
  return classifyValue(v, kind) !== 'type-error';
}

/** The category under which a valid categorical/boolean value is counted. */
export function categoryKey(v: string | number | bigint | boolean): string {
  return typeof v === 'string' ? v : String(v);
}
