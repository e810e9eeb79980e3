import { CATEGORICAL_METHODS, NUMERIC_METHODS, STREAMING_METHODS, type StreamingMethod } from './policy.types';

export type JudgedKind = 'numeric' | 'categorical' | 'boolean';

const P_VALUE: readonly StreamingMethod[] = ['ks', 'chiSquare', 'twoProportionZ'];

export function isStreamingMethod(value: unknown): value is StreamingMethod {
  return typeof value === 'string' && (STREAMING_METHODS as readonly string[]).includes(value);
}

/** Decision value is a p-value (drift when small) rather than a distance (drift when large). */
export function isPValueMethod(method: StreamingMethod): boolean {
  return P_VALUE.includes(method);
}

/** twoProportionZ needs exactly two categories, so it only fits boolean features. */
export function methodFits(method: StreamingMethod, kind: JudgedKind): boolean {
  if (kind === 'numeric') return NUMERIC_METHODS.includes(method);
  if (method === 'twoProportionZ') return kind === 'boolean';
  return CATEGORICAL_METHODS.includes(method);
}
