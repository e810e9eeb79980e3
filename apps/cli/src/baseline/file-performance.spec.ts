import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTableSource } from '@driftwatch/tabular';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePerformance, type CellReading } from './file-performance';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-file-performance-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function performanceOf(name: string, text: string, readings: { prediction: CellReading; target: CellReading } = { prediction: 'infer', target: 'infer' }) {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  const source = await openTableSource(file);
  try {
    return await filePerformance(source, { prediction: 'score', target: 'label' }, readings);
  } finally {
    await source.release();
  }
}

const SCORES = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.35];
// The last row has no label: predicted, not labelled.
const LABELS = ['1', '1', '0', '1', '0', '1', '0', '0', '0', ''];
const csv = (labels: string[]) => `x,score,label\n${SCORES.map((s, i) => `${i},${s},${labels[i]}`).join('\n')}\n`;

describe('filePerformance', () => {
  it('reads a score and 0/1 labels as a binary task, with the metrics scikit-learn gives', async () => {
    const p = await performanceOf('binary.csv', csv(LABELS));
    expect(p).toMatchObject({ predicted: 10, labelled: 9 });
    expect(p.snapshot).toMatchObject({ task: 'binary', positiveClass: '1', classes: ['0', '1'], labelled: 9 });
    // y = [1,1,0,1,0,1,0,0,0], s = the first nine scores:
    // accuracy_score(y, s >= .5) = 6/9, roc_auc_score(y, s) = 0.85, average_precision_score = 0.8541666666666666,
    // log_loss = 0.4936977704518508, brier_score_loss = 0.16694444444444445, f1_score(y, s >= .5) = 2/3 (scikit-learn 1.9.1)
    const m = p.snapshot?.metrics ?? {};
    expect(m.accuracy).toBeCloseTo(6 / 9, 12);
    expect(m.rocAuc).toBeCloseTo(0.85, 12);
    expect(m.averagePrecision).toBeCloseTo(0.8541666666666666, 12);
    expect(m.logLoss).toBeCloseTo(0.4936977704518508, 12);
    expect(m.brier).toBeCloseTo(0.16694444444444445, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it('reads true/false labels as booleans, the same task with "true" as the positive class', async () => {
    const p = await performanceOf('bool.csv', csv(LABELS.map((l) => (l === '' ? 'NA' : l === '1' ? 'True' : 'false'))));
    expect(p.snapshot).toMatchObject({ task: 'binary', positiveClass: 'true', labelled: 9 });
    expect(p.snapshot?.metrics.rocAuc).toBeCloseTo(0.85, 12);
  });

  it('reads text predictions as classes', async () => {
    const rows = [['cat', 'cat'], ['dog', 'dog'], ['dog', 'cat'], ['bird', 'bird'], ['cat', 'dog'], ['cat', 'cat']];
    const p = await performanceOf('classes.csv', `score,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    expect(p.snapshot).toMatchObject({ task: 'multiclass', positiveClass: null, classes: ['bird', 'cat', 'dog'], labelled: 6 });
    // accuracy_score = 4/6, f1_score(average='macro') = 0.7222222222222222
    expect(p.snapshot?.metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(p.snapshot?.metrics.macroF1).toBeCloseTo(0.7222222222222222, 12);
  });

  it('reads numbers as a regression when the labels are not 0/1', async () => {
    const p = await performanceOf('regression.csv', 'score,label\n1,2\n2,2\n4,3\n,5\n');
    // Row 4 has no prediction: not predicted at all. mean_absolute_error([2,2,3],[1,2,4]) = 2/3
    expect(p).toMatchObject({ predicted: 3, labelled: 3 });
    expect(p.snapshot).toMatchObject({ task: 'regression', classes: [] });
    expect(p.snapshot?.metrics.mae).toBeCloseTo(2 / 3, 12);
  });

  it('has no snapshot when no row is labelled', async () => {
    const p = await performanceOf('unlabelled.csv', 'score,label\n0.2,\n0.7,NA\n');
    expect(p).toEqual({ snapshot: null, predicted: 2, labelled: 0 });
  });
});
