import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCompareOptions } from '../src/compare/compare-options';
import { runCompare, type CompareHooks } from '../src/compare/run-compare';
import { FIXTURES } from './expected-fixture.test-util';

// The compiled worker entry (the test target builds the CLI first): the TypeScript sources cannot run as a worker.
const WORKER = path.resolve(__dirname, '../../../dist/apps/cli/apps/cli/src/compare/compare-feature.worker.js');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-cli-csv-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Seeded, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A file of `rows` rows mixing what real exports hold: normal and rounded numbers, integer
 * codes, missing cells spelled every way, type errors, quoted cells with commas and quotes,
 * a column of numbers and text, categories that drift with `shift`.
 */
function mixedFile(name: string, seed: number, rows: number, shift: number): string {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const normal = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const lines = ['amount,score,code,region,"note, quoted",mixed'];
  for (let r = 0; r < rows; r++) {
    const missing = rnd() < 0.03 ? pick(['', 'NA', '"NaN"', ' null ', '\\N']) : null;
    const amount = missing ?? (100 + 15 * normal() + shift * 10).toFixed(4);
    const score = shift > 0 && rnd() < 0.01 ? pick(['n/a', '"1,2"', '"1e3"', 'inf', '-Infinity', '0x10']) : String(Math.exp(normal() * 0.5 + shift).toPrecision(3 + (r % 15)));
    const code = String(Math.floor(rnd() * (8 + shift * 4))).padStart(r % 3 === 0 ? 2 : 1, '0');
    const region = pick(shift > 0 ? ['north', 'south', 'east', 'overseas', '"Zürich, CH"'] : ['north', 'south', 'east', 'west', '"Zürich, CH"']);
    const note = pick(['', 'ok', '"said ""no"""', "'single'", ' spaced ', '"two\nlines"']);
    const mixed = rnd() < 0.7 ? String(Math.floor(rnd() * 5)) : pick(['x', 'y', 'N/A']);
    lines.push([amount, score, code, region, note, mixed].join(','));
  }
  const file = path.join(tmp, name);
  writeFileSync(file, lines.join(r0(seed)) + '\n');
  return file;
}

/** LF for even seeds, CRLF for odd ones. */
function r0(seed: number): string {
  return seed % 2 === 0 ? '\n' : '\r\n';
}

async function bothPaths(ref: string, cur: string, extra: Record<string, unknown>, hooks: CompareHooks): Promise<[string, string, string[]]> {
  const options = parseCompareOptions({ reference: ref, current: cur, format: 'json', ...extra }, false);
  const fallbacks: string[] = [];
  const reader = await runCompare(options, { ...hooks, onCsvFallback: (reason) => fallbacks.push(reason) });
  const engine = await runCompare(options, { ...hooks, csvReader: 'engine' });
  return [JSON.stringify(reader), JSON.stringify(engine), fallbacks];
}

describe('compare: the CSV reader gives the engine path report', () => {
  const threads: [string, CompareHooks][] = [
    ['one thread', { workers: { threads: 1 } }],
    ['two threads', { workers: { threads: 2, script: WORKER, minValues: 0 } }],
  ];

  it.each(threads)('the Evidently-derived fixtures (%s)', async (_name, hooks) => {
    for (const [ref, cur, extra] of [
      ['large-ref.csv', 'large-cur.csv', {}],
      ['small-ref.csv', 'small-cur.csv', { categorical: ['zip'], correction: 'bh', threshold: ['income:psi=0.2'] }],
      ['small-ref.csv', 'small-cur.csv', { numeric: ['zip'], bins: 7 }],
    ] as const) {
      const [reader, engine, fallbacks] = await bothPaths(path.join(FIXTURES, ref), path.join(FIXTURES, cur), extra, hooks);
      expect(fallbacks).toEqual([]);
      // Byte for byte, as the report is printed: key order, -0 and every digit included.
      expect(reader).toBe(engine);
    }
  }, 120_000);

  it.each(threads)('a generated mixed file, LF against CRLF (%s)', async (_name, hooks) => {
    const ref = mixedFile('mixed-ref.csv', 2, 20_000, 0);
    const cur = mixedFile('mixed-cur.csv', 3, 15_000, 1);
    for (const extra of [{}, { categorical: ['code'], correction: 'bonferroni' }, { numeric: ['mixed'] }]) {
      const [reader, engine, fallbacks] = await bothPaths(ref, cur, extra, hooks);
      expect(fallbacks).toEqual([]);
      expect(reader).toBe(engine);
      const report = JSON.parse(reader);
      // The file exercises what it claims: drift found, type errors counted, text and number columns.
      expect(report.features.some((f: { drift: { detected: boolean } }) => f.drift.detected)).toBe(true);
      expect(report.features.find((f: { name: string }) => f.name === 'score').typeErrors.current).toBeGreaterThan(0);
      expect(report.features.map((f: { kind: string }) => f.kind)).toContain('categorical');
    }
  }, 180_000);

  it('leaves CSV it does not read as the engine does to the engine, with the same report or error', async () => {
    const ref = path.join(tmp, 'blank-line.csv');
    writeFileSync(ref, 'a,b\n1,x\n2,y\n\n');
    const cur = path.join(tmp, 'plain.csv');
    writeFileSync(cur, 'a,b\n1,x\n3,y\n');
    const options = parseCompareOptions({ reference: ref, current: cur, format: 'json' }, false);
    const fallbacks: string[] = [];
    const outcome = (p: Promise<unknown>) =>
      p.then(
        (r) => JSON.stringify(r),
        (e: Error) => `error: ${e.message}`,
      );
    const reader = await outcome(runCompare(options, { onCsvFallback: (reason) => fallbacks.push(reason) }));
    expect(fallbacks).toEqual([expect.stringMatching(/blank line/)]);
    expect(reader).toBe(await outcome(runCompare(options, { csvReader: 'engine' })));
  }, 60_000);
});
