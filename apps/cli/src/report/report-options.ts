import { CliError } from '../cli-error';

/** Options as commander hands them over. */
export interface RawReportOptions {
  model: string;
  from?: string;
  to?: string;
  modelVersion?: string;
  output?: string;
  api?: string;
  token?: string;
}

export interface ReportOptions {
  model: string;
  /** Epoch ms: [from, to). */
  from: number;
  to: number;
  version?: string;
  output?: string;
}

const DAY = 24 * 3_600_000;
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `--to` defaults to now, `--from` to a day before `--to` (the page's default range). */
export function parseReportOptions(raw: RawReportOptions, now = Date.now()): ReportOptions {
  if (raw.model.trim() === '') throw new CliError('--model must name a model');
  const to = raw.to === undefined ? now : instant('--to', raw.to);
  const from = raw.from === undefined ? to - DAY : instant('--from', raw.from);
  if (from >= to) throw new CliError(`--from ${new Date(from).toISOString()} must be before --to ${new Date(to).toISOString()}`);
  return { model: raw.model, from, to, version: raw.modelVersion || undefined, output: raw.output };
}

/** ISO-8601 (UTC unless a zone is given; a date alone is midnight) or epoch milliseconds. */
function instant(option: string, text: string): number {
  const t = text.trim();
  let ms = NaN;
  if (/^\d+$/.test(t)) ms = Number(t);
  else if (ISO.test(t)) ms = Date.parse(/[T ]/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t);
  if (!Number.isSafeInteger(ms)) throw new CliError(`${option} must be an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(text)}`);
  return ms;
}
