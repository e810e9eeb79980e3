import { PREDICTION_FEATURE, type FeatureBinSpec } from '@driftwatch/stats';
import type { Baseline, FeatureKind } from '@driftwatch/contracts';

export interface CompiledFeature {
  readonly name: string;
  readonly kind: FeatureKind;
  readonly spec: FeatureBinSpec;
  /**
   * The baseline's finer grid (numeric; empty when it has none or the feature is not numeric),
   * counted beside the coarse bins so KS and Wasserstein can be approximated in streaming.
   */
  readonly fineEdges: readonly number[];
}

/** A baseline in the form the hot loop wants: bin specs in a fixed order and a name index. */
export interface CompiledBaseline {
  readonly baselineId: string;
  readonly features: readonly CompiledFeature[];
  readonly index: ReadonlyMap<string, number>;
  /**
   * Position of the prediction feature (PREDICTION_FEATURE) in `features`, -1 when the baseline
   * has none: that feature is fed from the event's `prediction`, not from its features.
   */
  readonly predictionIndex: number;
  /**
   * True when a feature name is also a property every object inherits (`toString`…): an
   * event's value under it then does not tell whether the event has the feature, so the
   * accumulator looks every event feature up by name to find the unknown ones.
   */
  readonly inheritedNames: boolean;
}

export function compileBaseline(baseline: Baseline): CompiledBaseline {
  const features = baseline.features.map((f): CompiledFeature => {
    if (f.kind === 'numeric') {
      // A feature that was always missing in training has no range: nothing is out of it.
      return {
        name: f.name,
        kind: f.kind,
        spec: { kind: 'numeric', edges: [...f.edges], min: f.min ?? Number.NEGATIVE_INFINITY, max: f.max ?? Number.POSITIVE_INFINITY },
        fineEdges: [...(f.fineEdges ?? [])],
      };
    }
    return { name: f.name, kind: f.kind, spec: { kind: f.kind, categories: Object.keys(f.categories).sort() }, fineEdges: [] };
  });
  return {
    baselineId: baseline.baselineId,
    features,
    index: new Map(features.map((f, i) => [f.name, i])),
    predictionIndex: features.findIndex((f) => f.name === PREDICTION_FEATURE),
    inheritedNames: features.some((f) => f.name in Object.prototype),
  };
}
