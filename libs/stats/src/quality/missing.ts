/**
 * Whether a text cell (CSV) is missing: empty, or one of `null NULL NA NaN N/A`
 * (docs/architecture.md).
 * Surrounding whitespace is ignored, so "  " and " NA " are missing too. The list is the
 * documented one exactly: "nan", "None" or "#N/A" are ordinary text.
 */
export function isMissingToken(raw: string): boolean {
  if (isExactMissingToken(raw)) return true;
  const n = raw.length;
  if (n > 0 && (isSpace(raw.charCodeAt(0)) || isSpace(raw.charCodeAt(n - 1)))) {
    return isExactMissingToken(raw.trim());
  }
  return false;
}

function isExactMissingToken(raw: string): boolean {
  switch (raw.length) {
    case 0:
      return true;
    case 2:
      return raw === 'NA';
    case 3:
      return raw === 'NaN' || raw === 'N/A';
    case 4:
      return raw === 'null' || raw === 'NULL';
    default:
      return false;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0xfeff;
}

/** missing / total, and 0 for an empty window (nothing observed is nothing missing). */
export function missingRate(missing: number, total: number): number {
  if (total === 0) return 0;
  return missing / total;
}
