import type { Baseline, FeatureEvaluation, FeatureHistogram, Finding, Severity } from '@driftwatch/contracts';
import { fmt } from './format.util';
import { baselineSummary, windowSummary } from './feature-summary';
import { importanceRaised, importanceWeighted, type ImportanceContext } from './severity.util';

type BaselineFeature = Baseline['features'][number];

/** New categories listed as evidence, largest first. */
const MAX_LISTED_CATEGORIES = 20;

const pct = (share: number) => `${fmt(share * 100)}%`;

/**
 * The data-quality findings of one baseline feature. A level is crossed when the value is
 * strictly above it (so `typeErrors.rate: 0` means "any type error").
 * - missing_feature: missing rate − baseline missing rate > missing.increase; critical above
 *   missing.critical; then importance-weighted like drift (top → critical, minor → capped).
 * - new_category: share of values in categories the baseline never saw > newCategory.share.
 * - schema_violation: share of wrongly typed values > typeErrors.rate.
 * - out_of_range: share outside the baseline's [min, max] > outOfRange.share; always critical
 *   when the mean moved by a factor ≥ outOfRange.ratio either way (a unit error: M$ vs $).
 * The last three are critical above their second level or on a top feature.
 * `checks.missing: false` leaves out missing_feature (the prediction may be absent at will).
 */
export function qualityFindings(
  b: BaselineFeature,
  h: FeatureHistogram,
  f: FeatureEvaluation,
  ctx: ImportanceContext,
  valueKinds?: Readonly<Record<string, number>>,
  checks: { missing: boolean } = { missing: true },
): Finding[] {
  const { policy } = ctx;
  const out: Finding[] = [];
  const evidence = () => ({ baseline: baselineSummary(b), current: windowSummary(b.kind, h) });
  const level = (value: number, critical: number): Severity => (value > critical ? 'critical' : 'warning');

  const increase = f.missingRate - f.baselineMissingRate;
  if (checks.missing && increase > policy.missing.increase) {
    const severity = importanceWeighted(level(increase, policy.missing.critical), b.name, ctx);
    out.push({
      kind: 'missing_feature',
      feature: b.name,
      severity,
      metric: 'missingRateIncrease',
      value: increase,
      threshold: policy.missing.increase,
      message: `${b.name}: ${pct(f.missingRate)} missing vs ${pct(f.baselineMissingRate)} in the baseline (${severity})`,
      ...evidence(),
      details: { missingRate: f.missingRate, baselineMissingRate: f.baselineMissingRate, importance: f.importance, ...(h.count === 0 ? { vanished: true } : {}) },
    });
  }

  if (b.kind !== 'numeric' && f.newCategoryShare > policy.newCategory.share) {
    const severity = importanceRaised(level(f.newCategoryShare, policy.newCategory.critical), b.name, ctx);
    const unseen = Object.entries(h.categories)
      .filter(([c, n]) => n > 0 && !(c in b.categories))
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    out.push({
      kind: 'new_category',
      feature: b.name,
      severity,
      metric: 'newCategoryShare',
      value: f.newCategoryShare,
      threshold: policy.newCategory.share,
      message: `${b.name}: ${pct(f.newCategoryShare)} of values in ${unseen.length} unseen ${unseen.length === 1 ? 'category' : 'categories'} (${unseen
        .slice(0, 3)
        .map(([c]) => JSON.stringify(c))
        .join(', ')}${unseen.length > 3 ? ', …' : ''}) (${severity})`,
      ...evidence(),
      details: { categories: Object.fromEntries(unseen.slice(0, MAX_LISTED_CATEGORIES)), unseenCount: unseen.length },
    });
  }

  if (f.typeErrorRate > policy.typeErrors.rate) {
    const severity = importanceRaised(level(f.typeErrorRate, policy.typeErrors.critical), b.name, ctx);
    out.push({
      kind: 'schema_violation',
      feature: b.name,
      severity,
      metric: 'typeErrorRate',
      value: f.typeErrorRate,
      threshold: policy.typeErrors.rate,
      message: `${b.name}: ${pct(f.typeErrorRate)} of values are not ${b.kind === 'numeric' ? 'numbers' : b.kind === 'boolean' ? 'booleans' : 'categories'} (${severity})`,
      ...evidence(),
      details: { reason: 'type_errors', typeErrors: h.typeErrors, expected: b.kind, ...(valueKinds ? { kinds: { ...valueKinds } } : {}) },
    });
  }

  if (b.kind === 'numeric') {
    const ratio = f.metrics.meanRatio ?? null;
    const r = policy.outOfRange.ratio;
    const unitError = ratio !== null && (ratio >= r || ratio <= 1 / r);
    if (unitError || f.outOfRangeShare > policy.outOfRange.share) {
      const severity = unitError ? 'critical' : importanceRaised(level(f.outOfRangeShare, policy.outOfRange.critical), b.name, ctx);
      out.push({
        kind: 'out_of_range',
        feature: b.name,
        severity,
        metric: unitError ? 'meanRatio' : 'outOfRangeShare',
        value: unitError ? ratio : f.outOfRangeShare,
        threshold: unitError ? (ratio >= r ? r : 1 / r) : policy.outOfRange.share,
        message: unitError
          ? `${b.name}: mean ${fmt(ratio)}× the baseline's, ${pct(f.outOfRangeShare)} outside [${fmt(b.min)}, ${fmt(b.max)}] (a unit error?) (critical)`
          : `${b.name}: ${pct(f.outOfRangeShare)} of values outside the baseline's [${fmt(b.min)}, ${fmt(b.max)}] (${severity})`,
        ...evidence(),
        details: { outOfRangeShare: f.outOfRangeShare, below: h.outOfRangeLow, above: h.outOfRangeHigh, meanRatio: ratio },
      });
    }
  }
  return out;
}
