import { benjaminiHochberg, bonferroni } from '../hypothesis';
import { isPValueMethod, type DriftMethod } from './method-registry';
import { exceedsThreshold } from './threshold';

/** Multiple-testing corrections, spelled as policies store them. */
export const CORRECTIONS = ['none', 'bonferroni', 'benjamini-hochberg'] as const;
export type Correction = (typeof CORRECTIONS)[number];

/** `driftwatch compare --correction bh` predates the spelled-out name: what users typed keeps working. */
export const CORRECTION_ALIASES = { bh: 'benjamini-hochberg' } as const satisfies Record<string, Correction>;
export type CorrectionAlias = keyof typeof CORRECTION_ALIASES;

/** The canonical correction for a name or alias; undefined for anything else. */
export function parseCorrection(name: unknown): Correction | undefined {
  if (typeof name !== 'string') return undefined;
  if ((CORRECTIONS as readonly string[]).includes(name)) return name as Correction;
  return Object.hasOwn(CORRECTION_ALIASES, name) ? CORRECTION_ALIASES[name as CorrectionAlias] : undefined;
}

/** One feature's decision as a correction sees it. */
export interface Decision {
  method: DriftMethod;
  value: number | null;
  threshold: number;
  /**
   * The feature's own decision when it was made by more than the threshold (decideDrift's
   * calibration): kept for a distance, and a p-value still needs it after the adjustment.
   */
  detected?: boolean;
}

export interface CorrectedDecision {
  detected: boolean;
  /** The adjusted p-value for a member of the family, else the value as given. */
  value: number | null;
  /** Only on members of the family: the p-value before the adjustment. */
  unadjustedPValue?: number;
}

/**
 * Decides every decision again under a multiple-testing correction. The decisions made on a
 * p-value that have one form one family of m tests (distances are not tests, and a decision
 * without a value tested nothing): their p-values, in input order, are adjusted together —
 * Bonferroni min(1, m·p), Benjamini–Hochberg step-up — and each is compared with its own
 * threshold in its method's direction. The others keep their decision.
 */
export function correctDecisions(decisions: readonly Decision[], correction: Correction | CorrectionAlias): CorrectedDecision[] {
  const out: CorrectedDecision[] = decisions.map((d) => ({ detected: d.detected ?? exceedsThreshold(d.method, d.value, d.threshold), value: d.value }));
  const canonical = parseCorrection(correction) ?? 'none';
  if (canonical === 'none') return out;
  const family = decisions.flatMap((d, i) => (isPValueMethod(d.method) && d.value !== null && !Number.isNaN(d.value) ? [i] : []));
  if (family.length === 0) return out;
  // Rounding may leave a p-value a hair outside [0, 1]; the adjustments refuse that, and one
  // feature's rounding must not abort the judgement of all of them.
  const raw = family.map((i) => Math.min(1, Math.max(0, decisions[i].value as number)));
  const adjusted = canonical === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
  family.forEach((i, k) => {
    const d = decisions[i];
    out[i] = { detected: exceedsThreshold(d.method, adjusted[k], d.threshold) && d.detected !== false, value: adjusted[k], unadjustedPValue: d.value as number };
  });
  return out;
}
