import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCells } from './read-cells';
import { openTableSource } from './table-source';
import { TabularError } from './tabular-error';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-cells-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cells(name: string, text: string, columns: string[]) {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  const source = await openTableSource(file);
  try {
    return await readCells(source, columns);
  } finally {
    await source.release();
  }
}

describe('readCells', () => {
  it('gives the cells of the named columns row by row, aligned, classified like the scans', async () => {
    const [score, label] = await cells('pairs.csv', 'score,x,label\n0.25,a,1\nNA,b,0\n 0.5 ,c,\nhigh,d,yes\n1e3,e,NA\n', ['score', 'label']);
    expect(Array.from(score.missing)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(score.numbers)).toEqual([0.25, NaN, 0.5, NaN, 1000]);
    // The CSV reader drops the spaces around an unquoted cell.
    expect(score.texts).toEqual(['0.25', '', '0.5', 'high', '1e3']);
    expect(Array.from(label.missing)).toEqual([0, 0, 1, 0, 1]);
    expect(label.texts).toEqual(['1', '0', '', 'yes', '']);
  });

  it('reads JSON Lines booleans as their text', async () => {
    const [label] = await cells('pairs.jsonl', '{"label": true}\n{"label": false}\n{"label": null}\n{}\n', ['label']);
    expect(label.texts).toEqual(['true', 'false', '', '']);
    expect(Array.from(label.missing)).toEqual([0, 0, 1, 1]);
  });

  it('names a column the file does not have', async () => {
    await expect(cells('one.csv', 'a\n1\n', ['b'])).rejects.toThrow(TabularError);
    await expect(cells('one.csv', 'a\n1\n', ['b'])).rejects.toThrow(/has no column "b"/);
  });
});
