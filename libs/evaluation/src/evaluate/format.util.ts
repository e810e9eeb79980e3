import { finiteOrNull } from './finite.util';

/** Numbers for people: 3 significant digits, exponent for the very large or small. */
export function fmt(value: number | null): string {
  if (value === null) return 'n/a';
  const v = finiteOrNull(value);
  if (v === null) return String(value);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}
