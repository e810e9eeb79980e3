import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompareOptions } from '../src/compare/compare-options';
import { runCompare } from '../src/compare/run-compare';
import { runFeatureTask } from '../src/compare/feature-task';
import { openFeatureRunner } from '../src/compare/feature-worker-pool';
import { FIXTURES } from './expected-fixture.test-util';

// The compiled worker entry (the test target builds the CLI first): the TypeScript sources cannot run as a worker.
const WORKER = path.resolve(__dirname, '../../../dist/apps/cli/apps/cli/src/compare/compare-feature.worker.js');

const options = (ref: string, cur: string, extra: Record<string, unknown> = {}) =>
  parseCompareOptions({ reference: path.join(FIXTURES, ref), current: path.join(FIXTURES, cur), format: 'json', ...extra }, false);

describe('compare on worker threads', () => {
  it('has the compiled worker entry to test', () => {
    expect(existsSync(WORKER)).toBe(true);
  });

  it.each([
    ['large-ref.csv', 'large-cur.csv', {}],
    ['small-ref.csv', 'small-cur.jsonl', { categorical: ['zip'], correction: 'bh', threshold: ['income:psi=0.2'] }],
  ])('reports %s vs %s exactly as in one thread', async (ref, cur, extra) => {
    const inThread = await runCompare(options(ref, cur, extra), { workers: { threads: 1 } });
    const threaded = await runCompare(options(ref, cur, extra), { workers: { threads: 2, script: WORKER, minValues: 0 } });
    // Byte for byte, as the report is printed: key order, -0 and every digit included.
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(inThread));
    expect(threaded.features.length).toBeGreaterThan(0);
  }, 60_000);

  it('sorts like Float64Array#sort on a thread and hands the array back', async () => {
    const runner = openFeatureRunner({ threads: 2, script: WORKER });
    try {
      const values = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5003) - 2500.5);
      values[17] = -0;
      values[18] = 0;
      const expected = values.slice().sort();
      const result = await runner.run({ type: 'sort', values });
      expect(result.type).toBe('sort');
      expect(Array.from((result as { values: Float64Array }).values)).toEqual(Array.from(expected));
      expect(Object.is((result as { values: Float64Array }).values[expected.indexOf(0)], -0)).toBe(true);
    } finally {
      await runner.close();
    }
  });

  it('passes a task failure back as a rejected promise naming the problem', async () => {
    const runner = openFeatureRunner({ threads: 2, script: WORKER });
    const side = { kind: 'numeric' as const, rows: 1, missing: 0, typeErrors: 0, sorted: new Float64Array([1]) };
    const categorical = { kind: 'categorical' as const, rows: 1, missing: 0, typeErrors: 0, counts: new Map([['a', 1]]) };
    const task = { type: 'compare' as const, name: 'x', reference: side, current: categorical, rule: { method: 'psi' as const, threshold: 0.1 } };
    try {
      expect(() => runFeatureTask({ ...task, reference: { ...side, sorted: new Float64Array([1]) } })).toThrow(/x is numeric in the reference but categorical/);
      await expect(runner.run(task)).rejects.toThrow(/x is numeric in the reference but categorical/);
    } finally {
      await runner.close();
    }
  });
});
