/** A column of a text table: numbers align right; `shrink` columns give up width (ending in …) to fit the terminal. */
export interface TextColumn {
  header: string;
  align?: 'left' | 'right';
  /**
   * May be cut to fit `width`, down to `min` characters (default: the header's length; a
   * header is cut too when `min` is shorter). The lowest rank gives way first; columns of one
   * rank give way widest first.
   */
  shrink?: number;
  min?: number;
}

/** The width tables are cut to: a terminal's 80 columns, whatever the data. */
export const TABLE_WIDTH = 80;
const GAP = 2;

/**
 * Rows under a header and a rule, columns two spaces apart, at most `width` characters a line
 * when the shrinkable columns can give up enough, a character at a time (so one long model
 * name does not squeeze every other column).
 */
export function renderTextTable(columns: readonly TextColumn[], rows: readonly string[][], width = TABLE_WIDTH): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => r[i].length)));
  const floor = columns.map((c, i) => (c.shrink !== undefined ? Math.min(widths[i], Math.max(c.min ?? c.header.length, 2)) : Infinity));
  let total = widths.reduce((a, b) => a + b, 0) + GAP * (columns.length - 1);
  while (total > width) {
    let widest = -1;
    for (let i = 0; i < columns.length; i++) {
      if (columns[i].shrink === undefined || widths[i] <= floor[i]) continue;
      const rank = columns[i].shrink as number;
      const best = widest < 0 ? undefined : (columns[widest].shrink as number);
      if (best === undefined || rank < best || (rank === best && widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
    total--;
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const text = truncate(cell, widths[i]);
        return columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** `text` in at most `width` characters, its end replaced by … when cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
}
