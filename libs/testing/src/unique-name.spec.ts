import { describe, expect, it } from 'vitest';
import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('keeps the tag readable in a dw-test. name', () => {
    expect(uniqueName('ingest')).toMatch(/^dw-test\.ingest\.\d{13}\.[0-9a-f]{6}$/);
  });

  it('never repeats within one millisecond', () => {
    const names = Array.from({ length: 200 }, () => uniqueName('same'));
    expect(new Set(names).size).toBe(200);
  });
});
