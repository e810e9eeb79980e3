import { toSortedSample } from '../binning/to-sorted-sample';
import { categoryKey, classifyValue, valueKind, type FeatureSchemaKind } from '../quality/value-kind';
import { BaselineSpecError, type BaselineColumn } from './baseline-stats';

export interface RecordColumnsOptions {
  /** Kinds decided beforehand; every other feature is inferred from its values. */
  kinds?: ReadonlyMap<string, FeatureSchemaKind>;
}

export interface RecordColumns {
  rows: number;
  columns: BaselineColumn[];
  /** The kind each column was read with (boolean columns are categorical in `columns`): pass it to buildBaseline. */
  kinds: Map<string, FeatureSchemaKind>;
}

/**
 * Turns event feature maps (stored production samples) into baseline columns, features in
 * order of first appearance. An event without a feature counts as a missing value.
 *
 * Kinds are inferred from the JSON types of the non-missing values: all numbers → numeric;
 * all booleans → boolean; otherwise categorical when any value is a string (integer-coded
 * categories are common). Values that do not fit the kind are type errors, classified by
 * the same rule the aggregator applies to events (classifyValue).
 */
export function columnsFromRecords(records: readonly Readonly<Record<string, unknown>>[], options: RecordColumnsOptions = {}): RecordColumns {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const name of Object.keys(record)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  for (const name of options.kinds?.keys() ?? []) {
    if (!seen.has(name)) throw new BaselineSpecError(`no event has the feature ${JSON.stringify(name)}`);
  }
  const rows = records.length;
  const kinds = new Map<string, FeatureSchemaKind>();
  const columns = names.map((name): BaselineColumn => {
    const kind = options.kinds?.get(name) ?? inferKind(records, name);
    kinds.set(name, kind);
    let missing = 0;
    let typeErrors = 0;
    const numbers: number[] = [];
    const counts = new Map<string, number>();
    for (const record of records) {
      const v = Object.hasOwn(record, name) ? record[name] : undefined;
      const cls = classifyValue(v, kind);
      if (cls === 'missing') missing++;
      else if (cls === 'type-error') typeErrors++;
      else if (kind === 'numeric') numbers.push(Number(v));
      else {
        const key = categoryKey(v as string | number | bigint | boolean);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return kind === 'numeric'
      ? { name, kind: 'numeric', rows, missing, typeErrors, sorted: toSortedSample(numbers) }
      : { name, kind: 'categorical', rows, missing, typeErrors, counts };
  });
  return { rows, columns, kinds };
}

function inferKind(records: readonly Readonly<Record<string, unknown>>[], name: string): FeatureSchemaKind {
  let numbers = 0;
  let booleans = 0;
  let strings = 0;
  for (const record of records) {
    if (!Object.hasOwn(record, name)) continue;
    const kind = valueKind(record[name]);
    if (kind === 'number') numbers++;
    else if (kind === 'boolean') booleans++;
    else if (kind === 'string') strings++;
  }
  if (strings > 0) return 'categorical';
  if (booleans > numbers) return 'boolean';
  return numbers > 0 ? 'numeric' : 'categorical';
}
