/**
 * Feature names present now but not in the reference (`unknown`) and the reverse
 * (`vanished`), each sorted by code unit order so reports and tests are stable.
 */
export function schemaDiff(
  referenceFeatures: Iterable<string>,
  currentFeatures: Iterable<string>,
): { unknown: string[]; vanished: string[] } {
  const reference = new Set(referenceFeatures);
  const current = new Set(currentFeatures);
  const unknown = [...current].filter((f) => !reference.has(f)).sort(compareCodeUnits);
  const vanished = [...reference].filter((f) => !current.has(f)).sort(compareCodeUnits);
  return { unknown, vanished };
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
