import type { WindowKey } from '@driftwatch/windowing';

/**
 * A flush plan's open windows after its range, stored as a change of the open windows before it:
 * `{"drop":[indexes into before],"add":[keys]}`. Within one flush few windows open or close, so a
 * plan row holds each open window about once instead of twice. Plans stored before hold the full
 * JSON array, which `decodeOpenAfter` still reads.
 */
interface OpenWindowsDiff {
  drop: number[];
  add: WindowKey[];
}

const idOf = (k: WindowKey): string => JSON.stringify([k.modelId, k.modelVersion, k.start, k.end]);

export function encodeOpenAfter(before: readonly WindowKey[], after: readonly WindowKey[]): string {
  const kept = new Set(after.map(idOf));
  const had = new Set(before.map(idOf));
  const diff: OpenWindowsDiff = {
    drop: before.flatMap((k, i) => (kept.has(idOf(k)) ? [] : [i])),
    add: after.filter((k) => !had.has(idOf(k))),
  };
  // Order matters to no reader (restore re-opens them by key), but a diff must give back the same set.
  return JSON.stringify(diff);
}

export function decodeOpenAfter(before: readonly WindowKey[], stored: string): WindowKey[] {
  const parsed = JSON.parse(stored) as WindowKey[] | OpenWindowsDiff;
  if (Array.isArray(parsed)) return parsed;
  if (!Array.isArray(parsed?.drop) || !Array.isArray(parsed?.add)) {
    throw new Error(`flush plan: open_windows_after is neither a list of windows nor a change of the open windows: ${stored.slice(0, 100)}`);
  }
  const dropped = new Set(parsed.drop);
  return [...before.filter((_, i) => !dropped.has(i)), ...parsed.add];
}
