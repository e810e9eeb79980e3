import { CORRECTION_ALIASES, CORRECTIONS, parseCorrection, parseThresholdOverride, type Correction, type ThresholdOverride } from '@driftwatch/stats';
import { CliError } from '../cli-error';
import { resolveOutputFormat, type OutputFormat } from '../output-format';

/** Options as commander hands them over (strings, repeatable lists). */
export interface RawCompareOptions {
  reference: string;
  current: string;
  categorical?: string[];
  numeric?: string[];
  bins?: string;
  threshold?: string[];
  correction?: string;
  driftShare?: string;
  format?: string;
  referenceFormat?: string;
  currentFormat?: string;
  failOnDrift?: boolean;
}

export interface CompareOptions {
  reference: string;
  current: string;
  referenceFormat?: string;
  currentFormat?: string;
  categorical: string[];
  numeric: string[];
  bins: number;
  overrides: ThresholdOverride[];
  correction: Correction;
  driftShare: number;
  format: OutputFormat;
  failOnDrift: boolean;
}

/** What --correction takes: the canonical names and the short `bh` users have been typing. */
export const CORRECTION_CHOICES: readonly string[] = [...CORRECTIONS, ...Object.keys(CORRECTION_ALIASES)];

/** commander collector for repeatable, comma-separated column lists: `--numeric a,b --numeric c`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
}

/** commander collector for repeatable options: `--threshold a:psi=0.2 --threshold b:ks=0.01`. */
export function collect(value: string, previous: string[] = []): string[] {
  return previous.concat(value);
}

/** Validates everything that can be checked before reading a file; errors are CliError/ThresholdSpecError (exit 2). */
export function parseCompareOptions(raw: RawCompareOptions, stdoutIsTTY: boolean): CompareOptions {
  const categorical = raw.categorical ?? [];
  const numeric = raw.numeric ?? [];
  const both = categorical.filter((c) => numeric.includes(c));
  if (both.length > 0) throw new CliError(`column ${JSON.stringify(both[0])} is given to both --categorical and --numeric`);
  const bins = raw.bins === undefined ? 10 : Number(raw.bins);
  if (!Number.isInteger(bins) || bins < 1 || bins > 10_000) {
    throw new CliError(`--bins must be an integer from 1 to 10000, got ${JSON.stringify(raw.bins)}`);
  }
  const correction = parseCorrection(raw.correction ?? 'none');
  if (correction === undefined) {
    throw new CliError(`--correction must be one of ${CORRECTION_CHOICES.join(', ')}, got ${JSON.stringify(raw.correction)}`);
  }
  const driftShare = raw.driftShare === undefined ? 0.5 : Number(raw.driftShare);
  if (raw.driftShare !== undefined && (raw.driftShare.trim() === '' || !(driftShare >= 0 && driftShare <= 1))) {
    throw new CliError(`--drift-share must be a number from 0 to 1, got ${JSON.stringify(raw.driftShare)}`);
  }
  return {
    reference: raw.reference,
    current: raw.current,
    referenceFormat: raw.referenceFormat,
    currentFormat: raw.currentFormat,
    categorical,
    numeric,
    bins,
    overrides: (raw.threshold ?? []).map(parseThresholdOverride),
    correction,
    driftShare,
    format: resolveOutputFormat(raw.format, stdoutIsTTY),
    failOnDrift: raw.failOnDrift === true,
  };
}
