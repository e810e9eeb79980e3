import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp-dir';

describe('tempDir', () => {
  it('creates a fresh directory under the OS temp dir, and removes it with its content', () => {
    const a = tempDir('driftwatch-testing-');
    const b = tempDir('driftwatch-testing-');
    expect(a.dir).not.toBe(b.dir);
    expect(path.dirname(a.dir)).toBe(tmpdir());
    expect(path.basename(a.dir)).toMatch(/^driftwatch-testing-/);
    expect(statSync(a.dir).isDirectory()).toBe(true);
    writeFileSync(path.join(a.dir, 'part.bin'), 'x');
    a.remove();
    b.remove();
    expect(existsSync(a.dir)).toBe(false);
    expect(existsSync(b.dir)).toBe(false);
  });
});
