import type { Baseline, FeatureHistogram } from '@driftwatch/contracts';
import { capCategories, hasOtherCategory, OTHER_CATEGORY } from '@driftwatch/stats';

type BaselineFeature = Baseline['features'][number];

/**
 * A categorical window capped to the policy's `maxCategories` and its baseline made comparable
 * with it. A window whose tail went into `OTHER_CATEGORY` (at ingest, or here when a rollup's
 * summed windows kept different top categories) no longer says which categories the tail
 * holds, so both sides are compared on the same partition: the window's kept categories, and
 * one bucket for everything else (on the baseline's side, every baseline category the window
 * did not keep by name). `OTHER_CATEGORY` is then a category of the baseline too, so it is never
 * reported as new; a kept category the baseline never saw still is.
 */
export function capAndAlign(b: BaselineFeature, h: FeatureHistogram, maxCategories: number): { b: BaselineFeature; h: FeatureHistogram } {
  if (b.kind === 'numeric') return { b, h };
  const categories = capCategories(h.categories, maxCategories);
  const capped = categories === h.categories ? h : { ...h, categories };
  if (!hasOtherCategory(categories)) return { b, h: capped };
  const folded = Object.create(null) as Record<string, number>;
  let other = 0;
  for (const [c, n] of Object.entries(b.categories)) {
    if (c !== OTHER_CATEGORY && Object.hasOwn(categories, c)) folded[c] = n;
    else other += n;
  }
  folded[OTHER_CATEGORY] = other;
  return { b: { ...b, categories: folded }, h: capped };
}
