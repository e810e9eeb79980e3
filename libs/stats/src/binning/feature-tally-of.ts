import { categoryKey, classifyValue } from '../quality/value-kind';
import {
  addCategoryValue,
  addMissing,
  addNumericValue,
  addTypeError,
  emptyFeatureTally,
  type FeatureBinSpec,
  type FeatureTally,
} from './feature-tally';

/**
 * Tally of a batch of event values of one feature (missing and type errors classified
 * by classifyValue for the spec's kind). The streaming aggregator adds values one at a time
 * with the add* functions instead; this is the batch form of the same rules.
 */
export function featureTallyOf(values: Iterable<unknown>, spec: FeatureBinSpec): FeatureTally {
  const h = emptyFeatureTally(spec);
  for (const v of values) {
    const cls = classifyValue(v, spec.kind);
    if (cls === 'missing') addMissing(h);
    else if (cls === 'type-error') addTypeError(h);
    else if (spec.kind === 'numeric') addNumericValue(h, spec, Number(v));
    else addCategoryValue(h, spec, categoryKey(v as string | number | bigint | boolean));
  }
  return h;
}
