import { CliError } from '../cli-error';

export interface TimeRange {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `START..END`, each ISO-8601 (UTC unless a zone is given; a date alone is midnight) or epoch milliseconds. */
export function parseTimeRange(spec: string): TimeRange {
  const parts = spec.split('..');
  if (parts.length !== 2 || parts[0].trim() === '' || parts[1].trim() === '') {
    throw new CliError(`--from-windows must be START..END (ISO-8601 times or epoch milliseconds), got ${JSON.stringify(spec)}`);
  }
  const [from, to] = parts.map((p) => instant(p.trim(), spec));
  if (from >= to) throw new CliError(`--from-windows: the start ${new Date(from).toISOString()} must be before the end ${new Date(to).toISOString()}`);
  return { from, to };
}

function instant(text: string, spec: string): number {
  let ms = NaN;
  if (/^\d+$/.test(text)) ms = Number(text);
  else if (ISO.test(text)) {
    const zoned = /[T ]/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
    ms = Date.parse(zoned);
  }
  if (!Number.isSafeInteger(ms)) {
    throw new CliError(`--from-windows: ${JSON.stringify(text)} in ${JSON.stringify(spec)} is neither an ISO-8601 time nor epoch milliseconds`);
  }
  return ms;
}
