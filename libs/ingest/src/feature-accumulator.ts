import type { InferenceEvent } from '@driftwatch/contracts';
import * as stats from '@driftwatch/stats';
import type { FeatureTally } from '@driftwatch/stats';
import type { EventSample, FeatureKindDelta, PredictionRow, WindowFeatureDelta } from '@driftwatch/contracts';
import type { WindowKey } from '@driftwatch/windowing';
import type { CompiledBaseline } from './compiled-baseline';
import { predictionRow } from './prediction-rows';

// Read once: a CommonJS re-export is a getter (two deep here), a measurable cost when called
// for every value of every event.
const {
  addCategoryValue,
  capCategories,
  DEFAULT_MAX_CATEGORIES,
  OTHER_CATEGORY,
  addMissing,
  addNumericValue,
  addTypeError,
  categoryKey,
  classifyValue,
  emptyFeatureTally,
  numericBinIndex,
  predictionValue,
  saturatingAdd,
  tallyValidCount,
  valueKind,
} = stats;

/** A feature the baseline does not know (every feature of a model without a baseline). */
interface UnknownFeature {
  /** Non-null values of any kind. */
  present: number;
  /** Explicit nulls (and NaN); an absent unknown feature cannot be told from one that never existed. */
  missing: number;
  kinds: Record<string, number>;
  min: number | null;
  max: number | null;
  sum: number;
  sumSq: number;
}

/** Unknown feature names kept by name per (model, version, window) unless configured. */
export const DEFAULT_MAX_UNKNOWN_FEATURES = 100;

/** The bounds of one accumulator (README "Bounds and retention" in docs/security.md). */
export interface AccumulatorLimits {
  /** Categories kept by name per feature; the rest are summed into OTHER_CATEGORY (the model's `drift.maxCategories`). */
  readonly maxCategories: number;
}

/**
 * Decides whether an unknown feature name gets its own row; a refused one is counted under
 * OTHER_CATEGORY instead. The partition keeps the names admitted per window across flushes.
 */
export type AdmitUnknown = (name: string) => boolean;

/**
 * Everything one partition adds to one window between two flushes: per baseline feature a
 * tally binned against the baseline the accumulator was created with (an active baseline
 * that changes applies from the next flush on), per unknown feature its volume and value
 * kinds, a bounded sample of raw events for models without a baseline, and the prediction
 * of every event that carries one (kept for the join with labels). An accumulator lives until
 * its window's deltas are taken by a flush, so these rows are held only until that flush.
 */
export class FeatureAccumulator {
  private readonly tallies: FeatureTally[];
  /** Counts per fine bin (`fineEdges.length + 1`), per baseline feature; null without a fine grid. */
  private readonly fineBins: (number[] | null)[];
  /** Value kinds of the type errors, per baseline feature; created on the first one. */
  private readonly typeErrorKinds: (Record<string, number> | undefined)[];
  private readonly unknown = new Map<string, UnknownFeature>();
  readonly samples: EventSample[] = [];
  /** The predictions of this window's events since the last flush (prediction-rows.ts). */
  readonly predictions: PredictionRow[] = [];

  /** Category values added per baseline feature since its categories were last checked against the cap. */
  private readonly categoryAdds: number[] = [];
  /** Values of unknown features refused a row of their own (also in the OTHER_CATEGORY row). */
  unknownOverflow = 0;

  constructor(
    readonly baseline: CompiledBaseline | null,
    private readonly limits: AccumulatorLimits = { maxCategories: DEFAULT_MAX_CATEGORIES },
  ) {
    this.tallies = baseline ? baseline.features.map((f) => emptyFeatureTally(f.spec)) : [];
    this.typeErrorKinds = this.tallies.map(() => undefined);
    this.fineBins = baseline
      ? baseline.features.map((f) => (f.fineEdges.length > 0 ? new Array<number>(f.fineEdges.length + 1).fill(0) : null))
      : [];
  }

  /**
   * Folds one event in. `admitUnknown` bounds the unknown feature names of the window (every
   * name is admitted without it).
   */
  add(event: InferenceEvent, admitUnknown?: AdmitUnknown): void {
    const values = event.features;
    const baseline = this.baseline;
    // Event features of the baseline seen: when they are all the event has, no name needs
    // looking up to find unknown ones (the common case, and a Map look-up per name otherwise).
    let known = 0;
    if (baseline) {
      const features = baseline.features;
      const predictionIndex = baseline.predictionIndex;
      // A class → probability map counts as its top class; absent or null is a missing prediction.
      const prediction = predictionIndex >= 0 ? predictionValue(event.prediction) : null;
      for (let i = 0; i < features.length; i++) {
        const feature = features[i];
        let v: unknown;
        if (i === predictionIndex) v = prediction;
        else {
          v = values[feature.name];
          if (v !== undefined) known++;
        }
        const h = this.tallies[i];
        // The usual valid number first, as classifyValue would file it (NaN is missing).
        if (typeof v === 'number' && v === v && feature.spec.kind === 'numeric') {
          addNumericValue(h, feature.spec, v);
          const fine = this.fineBins[i];
          if (fine !== null) fine[numericBinIndex(feature.fineEdges, v)]++;
          continue;
        }
        switch (classifyValue(v, feature.kind)) {
          case 'missing':
            addMissing(h);
            break;
          case 'type-error': {
            addTypeError(h);
            const kinds = (this.typeErrorKinds[i] ??= {});
            const kind = valueKind(v);
            kinds[kind] = (kinds[kind] ?? 0) + 1;
            break;
          }
          default:
            if (feature.spec.kind === 'numeric') {
              const x = Number(v);
              addNumericValue(h, feature.spec, x);
              const fine = this.fineBins[i];
              if (fine !== null) fine[numericBinIndex(feature.fineEdges, x)]++;
            } else {
              addCategoryValue(h, feature.spec, categoryKey(v as string | number | boolean));
              this.compactCategories(i, h);
            }
        }
      }
    }
    if (!baseline?.inheritedNames) {
      let names = 0;
      for (const _name in values) if (++names > known) break;
      if (names <= known) return;
    }
    // Event features never carry the prediction's reserved name (contracts validation refuses it).
    for (const name in values) {
      if (baseline && baseline.index.has(name)) continue;
      if (admitUnknown === undefined || this.unknown.has(name) || admitUnknown(name)) {
        this.addUnknown(name, values[name]);
      } else {
        this.unknownOverflow += 1;
        this.addUnknown(OTHER_CATEGORY, values[name]);
      }
    }
  }

  /**
   * Keeps a tally's categories bounded between flushes: past twice the cap they are cut back to
   * the cap (top K plus the tail). A category cut here and seen again starts a new count, so
   * the kept top K is approximate for a feature with more than 2K distinct values per flush;
   * the totals stay exact.
   */
  private compactCategories(i: number, h: FeatureTally): void {
    const categories = h.categories;
    if (categories === undefined) return;
    // Object.keys is O(n): checked every 256 category values (not observations, which a client
    // could arrange to skip the check with), so at most 2K + 257 keys are held.
    const added = (this.categoryAdds[i] = (this.categoryAdds[i] ?? 0) + 1);
    if (added < 256) return;
    this.categoryAdds[i] = 0;
    const k = this.limits.maxCategories;
    if (Object.keys(categories).length > 2 * k + 1) h.categories = capCategories(categories, k);
  }

  addSample(event: InferenceEvent): void {
    this.samples.push({
      modelId: event.modelId,
      modelVersion: event.modelVersion,
      eventId: event.eventId,
      eventTime: event.timestamp,
      features: event.features,
      prediction: event.prediction ?? null,
    });
  }

  /**
   * Keeps the event's prediction for window `key`, if it has one; `offset` is the event's Kafka
   * offset. Separate from `add`: it changes no histogram, and applies to every windowed event,
   * with or without a baseline.
   */
  addPrediction(event: InferenceEvent, key: Pick<WindowKey, 'start' | 'end'>, offset: string): void {
    const row = predictionRow(event, key, offset);
    if (row) this.predictions.push(row);
  }

  /** The store rows of this accumulator for window `key`. */
  toDeltas(key: WindowKey): { features: WindowFeatureDelta[]; kinds: FeatureKindDelta[] } {
    const baselineId = this.baseline?.baselineId ?? '';
    const where = { modelId: key.modelId, modelVersion: key.modelVersion, windowStart: key.start, windowEnd: key.end, baselineId };
    const features: WindowFeatureDelta[] = [];
    const kinds: FeatureKindDelta[] = [];
    this.baseline?.features.forEach((f, i) => {
      const h = this.tallies[i];
      features.push({
        ...where,
        feature: f.name,
        count: tallyValidCount(h),
        missing: h.missing,
        typeErrors: h.typeErrors,
        bins: f.spec.kind === 'numeric' ? h.bins : [],
        fineBins: this.fineBins[i] ?? [],
        categories: h.categories ? { ...capCategories(h.categories, this.limits.maxCategories) } : {},
        outOfRangeLow: h.outOfRangeLow,
        outOfRangeHigh: h.outOfRangeHigh,
        min: h.min,
        max: h.max,
        sum: h.sum,
        sumSq: h.sumSq,
      });
      const errorKinds = this.typeErrorKinds[i];
      if (errorKinds) kinds.push({ ...where, feature: f.name, inBaseline: true, kinds: errorKinds });
    });
    for (const [name, u] of this.unknown) {
      features.push({
        ...where,
        feature: name,
        count: u.present,
        missing: u.missing,
        typeErrors: 0,
        bins: [],
        fineBins: [],
        categories: {},
        outOfRangeLow: 0,
        outOfRangeHigh: 0,
        min: u.min,
        max: u.max,
        sum: u.sum,
        sumSq: u.sumSq,
      });
      if (u.present > 0) kinds.push({ ...where, feature: name, inBaseline: false, kinds: u.kinds });
    }
    return { features, kinds };
  }

  private addUnknown(name: string, v: unknown): void {
    let u = this.unknown.get(name);
    if (!u) {
      u = { present: 0, missing: 0, kinds: {}, min: null, max: null, sum: 0, sumSq: 0 };
      this.unknown.set(name, u);
    }
    if (v === null || v === undefined || v !== v) {
      u.missing += 1;
      return;
    }
    u.present += 1;
    const kind = valueKind(v);
    u.kinds[kind] = (u.kinds[kind] ?? 0) + 1;
    if (kind === 'number') {
      const x = Number(v);
      if (u.min === null || x < u.min) u.min = x;
      if (u.max === null || x > u.max) u.max = x;
      u.sum = saturatingAdd(u.sum, x);
      u.sumSq = saturatingAdd(u.sumSq, x * x);
    }
  }
}
