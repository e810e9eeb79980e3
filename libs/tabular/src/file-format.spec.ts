import { describe, expect, it } from 'vitest';
import { detectFileFormat } from './file-format';
import { TabularError } from './tabular-error';

describe('detectFileFormat', () => {
  it.each([
    ['data.csv', 'csv'],
    ['DATA.CSV', 'csv'],
    ['dir.parquet/x.jsonl', 'jsonl'],
    ['x.ndjson', 'jsonl'],
    ['x.json', 'jsonl'],
    ['x.parquet', 'parquet'],
    ['x.pq', 'parquet'],
    ['x.csv.gz', 'csv'],
    ['x.jsonl.zst', 'jsonl'],
  ])('%s is %s', (file, format) => {
    expect(detectFileFormat(file)).toBe(format);
  });

  it('the override wins over the extension', () => {
    expect(detectFileFormat('export.txt', 'csv')).toBe('csv');
    expect(detectFileFormat('x.csv', 'parquet')).toBe('parquet');
  });

  it('an unknown extension or override is a TabularError', () => {
    expect(() => detectFileFormat('x.txt')).toThrow(TabularError);
    expect(() => detectFileFormat('x.gz')).toThrow(/cannot tell the format/);
    expect(() => detectFileFormat('x.csv', 'xlsx')).toThrow(/unknown file format "xlsx"/);
  });
});
