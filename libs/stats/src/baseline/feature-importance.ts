import { BaselineSpecError } from './baseline-stats';

/**
 * Validates a feature-importance map (`{"income": 0.4, "region": 0.1}`, as read from a JSON
 * file) against the baseline's features: an object of numbers >= 0 naming only known
 * features. Features it leaves out have no importance (null).
 */
export function parseFeatureImportance(value: unknown, features: readonly string[]): Map<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BaselineSpecError(`importance must be a JSON object mapping feature names to weights, got ${describe(value)}`);
  }
  const known = new Set(features);
  const unknown: string[] = [];
  const weights = new Map<string, number>();
  for (const [name, weight] of Object.entries(value)) {
    if (!known.has(name)) {
      unknown.push(name);
      continue;
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new BaselineSpecError(`importance of ${JSON.stringify(name)} must be a number >= 0, got ${describe(weight)}`);
    }
    weights.set(name, weight);
  }
  if (unknown.length > 0) {
    throw new BaselineSpecError(
      `importance names ${unknown.length === 1 ? 'a feature' : 'features'} the data does not have: ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
    );
  }
  return weights;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value === 'number' ? String(value) : `a ${typeof value}`;
}
