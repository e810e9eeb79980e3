import { CliError } from '../cli-error';

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const AGO = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** What --from / --to accept, for help texts and errors. */
export const TIME_OPTION_FORMS = 'an ISO-8601 time (UTC unless it has a zone), epoch milliseconds, "now", or a time ago such as 30m, 2h, 7d';

/**
 * The instant of a `--from` / `--to` value: ISO-8601 (a date alone is midnight UTC; a time
 * without zone is UTC, as the API reads it), epoch milliseconds, `now`, or a duration meaning
 * that long before `now` (`90s`, `15m`, `2h`, `7d`, `1w`). Anything else names the option.
 */
export function parseTimeOption(option: string, value: string, now: number): number {
  const text = value.trim();
  if (text === 'now') return now;
  const ago = AGO.exec(text);
  if (ago) return now - Math.round(Number(ago[1]) * UNIT_MS[ago[2]]);
  let ms = NaN;
  if (/^\d+$/.test(text)) ms = Number(text);
  else if (ISO.test(text)) ms = Date.parse(/[T ]/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (!Number.isSafeInteger(ms)) throw new CliError(`${option}: expected ${TIME_OPTION_FORMS}; got ${JSON.stringify(value)}`);
  return ms;
}

/** `--from` / `--to` as a range; either may be absent (the API's default then applies to it). */
export function parseTimeRange(from: string | undefined, to: string | undefined, now: number): { from?: number; to?: number } {
  const range = {
    from: from === undefined ? undefined : parseTimeOption('--from', from, now),
    to: to === undefined ? undefined : parseTimeOption('--to', to, now),
  };
  const end = range.to ?? now;
  if (range.from !== undefined && range.from >= end) {
    throw new CliError(`--from (${new Date(range.from).toISOString()}) must be before --to (${new Date(end).toISOString()}${range.to === undefined ? ', now' : ''})`);
  }
  return range;
}
