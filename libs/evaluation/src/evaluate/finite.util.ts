/** JSON has no NaN or Infinity: the contracts write "not computable" and "infinite" as null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
