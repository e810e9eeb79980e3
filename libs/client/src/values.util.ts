import type { FeatureValue, LabelEvent, Prediction } from '@driftwatch/contracts';

/** What model code may pass as a feature value; normalised by `featureValue`. */
export type FeatureInput = FeatureValue | undefined | Date | bigint;
/** What model code may pass as a prediction; normalised by `predictionValue`. */
export type PredictionInput = Prediction | boolean | null | undefined;
/** Event or label time: a Date, an ISO-8601 string or epoch milliseconds. */
export type TimeInput = Date | string | number;

/** Before 1973-03-03 in ms: the contracts reject it as probable epoch seconds. */
const MIN_TIMESTAMP_MS = 100_000_000_000;

const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** NaN and ±Infinity become null, as JSON has no place for them; a Date an ISO-8601 string. */
export function featureValue(value: FeatureInput, name: string): FeatureValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return finiteOrNull(value);
    case 'bigint':
      return finiteOrNull(Number(value));
    case 'string':
    case 'boolean':
      return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  throw new TypeError(`feature "${name}": unsupported value of type ${typeof value} (use a number, string, boolean or null)`);
}

export function featuresRecord(features: Record<string, FeatureInput>): Record<string, FeatureValue> {
  if (features === null || typeof features !== 'object' || Array.isArray(features)) {
    throw new TypeError(`features must be an object of name to value, got ${Array.isArray(features) ? 'an array' : typeof features}`);
  }
  const out: Record<string, FeatureValue> = {};
  for (const [name, value] of Object.entries(features)) out[name] = featureValue(value, name);
  return out;
}

/** A boolean decision is sent as 1 / 0 (the contract has no boolean prediction); NaN as none. */
export function predictionValue(value: PredictionInput): Prediction | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [cls, p] of Object.entries(value)) {
      if (typeof p !== 'number' || !Number.isFinite(p)) throw new TypeError(`prediction class "${cls}": probability must be a finite number, got ${String(p)}`);
    }
    return value;
  }
  throw new TypeError(`prediction must be a number, a class name or an object of class to probability, got ${Array.isArray(value) ? 'an array' : typeof value}`);
}

export function labelValue(value: LabelEvent['label']): LabelEvent['label'] {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`label must be finite, got ${value}`);
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
    throw new TypeError(`label must be a number, a string or a boolean, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

/** Epoch milliseconds; ISO strings are left to the contracts (which read a zone-less one as UTC). */
export function timestampValue(value: TimeInput | undefined, what = 'timestamp'): number | string {
  if (value === undefined) return Date.now();
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError(`${what} is an invalid Date`);
    return ms;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${what} must be finite, got ${value}`);
    if (value < MIN_TIMESTAMP_MS) throw new RangeError(`${what} ${value} is before 1973-03-03 in milliseconds: epoch seconds? (multiply by 1000)`);
    return Math.trunc(value);
  }
  if (typeof value === 'string') return value;
  throw new TypeError(`${what} must be a Date, an ISO-8601 string or epoch milliseconds, got ${typeof value}`);
}
