/** Kind of a compared column as the baseline sees it (a boolean column compares as categorical). */
export type ColumnKind = 'numeric' | 'categorical';

/** Methods whose decision value is a p-value: drift when the p-value is small. */
export const P_VALUE_METHODS = ['ks', 'chiSquare', 'andersonDarling', 'cramerVonMises', 'mannWhitney', 'twoProportionZ'] as const;
/** Methods whose decision value is a distance: drift when the distance is large. */
export const DISTANCE_METHODS = [
  'psi',
  'jensenShannon',
  'kullbackLeibler',
  'hellinger',
  'totalVariation',
  'wasserstein',
  'energy',
] as const;

export type PValueMethod = (typeof P_VALUE_METHODS)[number];
export type DistanceMethod = (typeof DISTANCE_METHODS)[number];
export type DriftMethod = PValueMethod | DistanceMethod;

const HISTOGRAM_METHODS: readonly DriftMethod[] = ['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation'];
const METHODS_BY_KIND: Record<ColumnKind, readonly DriftMethod[]> = {
  numeric: [...HISTOGRAM_METHODS, 'wasserstein', 'energy', 'ks', 'andersonDarling', 'cramerVonMises', 'mannWhitney'],
  // twoProportionZ only yields a value for a binary feature (two categories in all).
  categorical: [...HISTOGRAM_METHODS, 'chiSquare', 'twoProportionZ'],
};

export function isDriftMethod(name: string): name is DriftMethod {
  return (P_VALUE_METHODS as readonly string[]).includes(name) || (DISTANCE_METHODS as readonly string[]).includes(name);
}

export function isPValueMethod(method: DriftMethod): method is PValueMethod {
  return (P_VALUE_METHODS as readonly string[]).includes(method);
}

export function methodsForKind(kind: ColumnKind): readonly DriftMethod[] {
  return METHODS_BY_KIND[kind];
}

export function methodAppliesTo(method: DriftMethod, kind: ColumnKind): boolean {
  return METHODS_BY_KIND[kind].includes(method);
}

/**
 * The drift test for one decision value. p-value methods: drift when p < threshold, except
 * KS which uses p <= threshold (the comparison Evidently users know: KS `p <= 0.05`,
 * chi-square `p < 0.05`). Distance methods: drift when value >= threshold. A NaN value
 * (no data) never signals drift; an infinite distance always does.
 */
export function exceedsThreshold(method: DriftMethod, value: number, threshold: number): boolean {
  if (Number.isNaN(value)) return false;
  if (!isPValueMethod(method)) return value >= threshold;
  return method === 'ks' ? value <= threshold : value < threshold;
}
