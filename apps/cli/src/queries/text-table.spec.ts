import { describe, expect, it } from 'vitest';
import { renderTextTable, truncate } from './text-table';

describe('renderTextTable', () => {
  it('pads columns two spaces apart, numbers to the right, under a header and a rule', () => {
    expect(renderTextTable([{ header: 'model' }, { header: 'n', align: 'right' }], [['a', '5'], ['longer', '120']])).toEqual([
      'model     n',
      '------  ---',
      'a         5',
      'longer  120',
    ]);
  });

  it('cuts the lowest-ranked shrinkable column first, widest first within a rank, to fit the width', () => {
    const columns = [
      { header: 'model', shrink: 1, min: 6 },
      { header: 'feature', shrink: 1, min: 7 },
      { header: 'kind', shrink: 2, min: 4 },
      { header: 'score', align: 'right' as const },
    ];
    const rows = [['a-very-long-model-name', 'a-long-feature', 'performance_degradation', '0.25']];
    const lines = renderTextTable(columns, rows, 50);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(50);
    // The rank-1 columns gave way, the longer first, before the kind did.
    expect(lines[2]).toBe('a-very-…  a-long-…  performance_degradation   0.25');
    // Narrower: the kind gives way too; narrower than the minimums: nothing goes below them.
    expect(renderTextTable(columns, rows, 30)[2]).toBe('a-ver…  a-long…  perfo…   0.25');
    const narrow = renderTextTable(columns, rows, 20);
    expect(narrow[2].split(/\s{2,}/).map((c) => [...c].length)).toEqual([6, 7, 4, 4]);
  });

  it('never cuts a column without shrink, even when the line stays too wide', () => {
    const lines = renderTextTable([{ header: 'time' }, { header: 'events', align: 'right' }], [['2026-12-03 17:58', '123456789']], 10);
    expect(lines[2]).toBe('2026-12-03 17:58  123456789');
  });
});

describe('truncate', () => {
  it('keeps text that fits and ends cut text with …', () => {
    expect(truncate('income', 6)).toBe('income');
    expect(truncate('income', 5)).toBe('inco…');
    expect(truncate('≥≥≥', 2)).toBe('≥…');
  });
});
