/** Kind of a compared column as the CLI reads it (a boolean column compares as categorical). */
export type ColumnKind = 'numeric' | 'categorical';
/** A baseline records booleans apart from other categories; the evaluator judges by this kind. */
export type FeatureKind = ColumnKind | 'boolean';

export interface MethodSpec {
  /** A p-value signals drift when small, a distance when large. */
  readonly decides: 'pValue' | 'distance';
  /** How the decision value meets the threshold to signal drift. */
  readonly drifts: '<=' | '<' | '>=';
  readonly kinds: readonly FeatureKind[];
  /** A window keeps histograms, not values: only these methods can judge it. */
  readonly fromHistograms: boolean;
  readonly defaultThreshold: number;
}

const ANY_KIND = ['numeric', 'categorical', 'boolean'] as const;
const NUMERIC = ['numeric'] as const;

/**
 * Every drift method. KS drifts at p <= threshold but the other tests at p < threshold: the
 * comparisons Evidently users know (KS `p <= 0.05`, chi-square `p < 0.05`). twoProportionZ
 * needs exactly two categories, which only a boolean feature is sure to have. The order is
 * the order users see in messages that list methods.
 */
export const METHOD_REGISTRY = {
  psi: { decides: 'distance', drifts: '>=', kinds: ANY_KIND, fromHistograms: true, defaultThreshold: 0.1 },
  jensenShannon: { decides: 'distance', drifts: '>=', kinds: ANY_KIND, fromHistograms: true, defaultThreshold: 0.1 },
  kullbackLeibler: { decides: 'distance', drifts: '>=', kinds: ANY_KIND, fromHistograms: true, defaultThreshold: 0.1 },
  hellinger: { decides: 'distance', drifts: '>=', kinds: ANY_KIND, fromHistograms: true, defaultThreshold: 0.1 },
  totalVariation: { decides: 'distance', drifts: '>=', kinds: ANY_KIND, fromHistograms: true, defaultThreshold: 0.1 },
  wasserstein: { decides: 'distance', drifts: '>=', kinds: NUMERIC, fromHistograms: true, defaultThreshold: 0.1 },
  ks: { decides: 'pValue', drifts: '<=', kinds: NUMERIC, fromHistograms: true, defaultThreshold: 0.05 },
  chiSquare: { decides: 'pValue', drifts: '<', kinds: ['categorical', 'boolean'], fromHistograms: true, defaultThreshold: 0.05 },
  twoProportionZ: { decides: 'pValue', drifts: '<', kinds: ['boolean'], fromHistograms: true, defaultThreshold: 0.05 },
  energy: { decides: 'distance', drifts: '>=', kinds: NUMERIC, fromHistograms: false, defaultThreshold: 0.1 },
  andersonDarling: { decides: 'pValue', drifts: '<', kinds: NUMERIC, fromHistograms: false, defaultThreshold: 0.05 },
  cramerVonMises: { decides: 'pValue', drifts: '<', kinds: NUMERIC, fromHistograms: false, defaultThreshold: 0.05 },
  mannWhitney: { decides: 'pValue', drifts: '<', kinds: NUMERIC, fromHistograms: false, defaultThreshold: 0.05 },
} as const satisfies Record<string, MethodSpec>;

type Registry = typeof METHOD_REGISTRY;
export type DriftMethod = keyof Registry;
export type PValueMethod = { [M in DriftMethod]: Registry[M]['decides'] extends 'pValue' ? M : never }[DriftMethod];
export type DistanceMethod = Exclude<DriftMethod, PValueMethod>;
export type HistogramMethod = { [M in DriftMethod]: Registry[M]['fromHistograms'] extends true ? M : never }[DriftMethod];

export const DRIFT_METHODS = Object.keys(METHOD_REGISTRY) as DriftMethod[];
export const P_VALUE_METHODS: readonly PValueMethod[] = DRIFT_METHODS.filter(isPValueMethod);
export const DISTANCE_METHODS: readonly DistanceMethod[] = DRIFT_METHODS.filter((m): m is DistanceMethod => !isPValueMethod(m));
export const HISTOGRAM_METHODS: readonly HistogramMethod[] = DRIFT_METHODS.filter(isHistogramMethod);

export function methodSpec(method: DriftMethod): MethodSpec {
  return METHOD_REGISTRY[method];
}

export function isDriftMethod(name: unknown): name is DriftMethod {
  return typeof name === 'string' && Object.hasOwn(METHOD_REGISTRY, name);
}

export function isPValueMethod(method: DriftMethod): method is PValueMethod {
  return METHOD_REGISTRY[method].decides === 'pValue';
}

export function isHistogramMethod(name: unknown): name is HistogramMethod {
  return isDriftMethod(name) && METHOD_REGISTRY[name].fromHistograms;
}

/** p-values 0.05, distances 0.1 (the default rule's Wasserstein / Jensen–Shannon level, PSI's customary first one). */
export function defaultThreshold(method: DriftMethod): number {
  return METHOD_REGISTRY[method].defaultThreshold;
}

/** Whether `method` can decide a feature of `kind`, as the evaluator knows it from the baseline. */
export function methodFits(method: DriftMethod, kind: FeatureKind): boolean {
  return (METHOD_REGISTRY[method].kinds as readonly FeatureKind[]).includes(kind);
}

/**
 * Whether `method` can decide a column of `kind`, as the CLI knows it before counting: a
 * categorical column may turn out binary only once read, so a boolean-only method is accepted
 * there (it then yields a value only when the column has exactly two categories).
 */
export function methodAppliesTo(method: DriftMethod, kind: ColumnKind): boolean {
  return methodFits(method, kind) || (kind === 'categorical' && methodFits(method, 'boolean'));
}

export function methodsForKind(kind: ColumnKind): readonly DriftMethod[] {
  return DRIFT_METHODS.filter((m) => methodAppliesTo(m, kind));
}
