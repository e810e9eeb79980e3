import { formatRange, formatShare, formatSpan, formatTime } from './query-format';
import type { WindowList } from './query-views';
import { renderTextTable, type TextColumn } from './text-table';

const COLUMNS: TextColumn[] = [
  { header: 'start (UTC)' },
  { header: 'length' },
  { header: 'version', shrink: 1, min: 4 },
  { header: 'events', align: 'right' },
  { header: 'late', align: 'right' },
  { header: 'missing', align: 'right' },
  { header: 'type errors', align: 'right' },
  { header: 'features', align: 'right' },
];

/**
 * A model's windows, oldest first: events and late events, the share of feature values missing
 * and the count sent with the wrong type (summed over features), then the totals.
 */
export function renderWindows(list: WindowList): string {
  const range = formatRange(list.from, list.to);
  const of = `${list.modelId}${list.modelVersion === null ? '' : ` version ${list.modelVersion}`}`;
  if (list.windows.length === 0) return `no window of ${of} starting in ${range}\n`;
  const rows = list.windows.map((w) => {
    const values = w.features.reduce((n, f) => n + f.count + f.missing + f.typeErrors, 0);
    const missing = w.features.reduce((n, f) => n + f.missing, 0);
    const typeErrors = w.features.reduce((n, f) => n + f.typeErrors, 0);
    return [
      formatTime(w.start),
      formatSpan(Date.parse(w.end) - Date.parse(w.start)),
      w.modelVersion,
      String(w.eventCount),
      String(w.lateCount),
      values === 0 ? '-' : formatShare(missing / values),
      String(typeErrors),
      String(w.features.length),
    ];
  });
  const events = list.windows.reduce((n, w) => n + w.eventCount, 0);
  return [...renderTextTable(COLUMNS, rows), '', `${list.windows.length} window(s), ${events} events, starting in ${range}`, ''].join('\n');
}
