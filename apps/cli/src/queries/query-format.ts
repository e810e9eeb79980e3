/** `2026-12-03 17:58` (UTC), with seconds only when there are some: window bounds are whole minutes. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString();
  return d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0 ? `${text.slice(0, 10)} ${text.slice(11, 16)}` : `${text.slice(0, 10)} ${text.slice(11, 19)}`;
}

/** A span in the largest unit that divides it: 60s → 1m, 3600s → 1h. */
export function formatSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s > 0 && s % 86_400 === 0) return `${s / 86_400}d`;
  if (s > 0 && s % 3600 === 0) return `${s / 3600}h`;
  if (s > 0 && s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/** 4 significant digits, an exponent below 0.001, '-' for none (a score the evaluator could not compute), 'inf'. */
export function formatScore(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(4)));
}

/** A share as a percentage people read: 0%, <0.1%, 2.5%, 40%. */
export function formatShare(share: number): string {
  if (share === 0) return '0%';
  const p = share * 100;
  if (p < 0.1) return '<0.1%';
  return `${Number(p < 10 ? p.toFixed(1) : p.toFixed(0))}%`;
}

/** `2026-12-03 17:00 .. 17:05 UTC`: the end's date only when it differs from the start's. */
export function formatRange(from: string, to: string): string {
  const a = formatTime(from);
  const b = formatTime(to);
  return `${a} .. ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b} UTC`;
}
