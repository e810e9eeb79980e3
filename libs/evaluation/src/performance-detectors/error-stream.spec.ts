import { describe, expect, it } from 'vitest';
import type { LabelledPrediction, TaskShape } from '../performance/performance.types';
import { errorStream } from './error-stream';

const row = (eventId: string, eventTime: number, p: Partial<LabelledPrediction>): LabelledPrediction => ({
  eventId,
  eventTime,
  kind: 'number',
  number: null,
  class: null,
  probabilities: {},
  label: null,
  ...p,
});

const BINARY: TaskShape = { task: 'binary', positiveClass: 'true', classes: ['false', 'true'] };
const MULTI: TaskShape = { task: 'multiclass', positiveClass: null, classes: ['1', '2', 'cat'] };
const REGRESSION: TaskShape = { task: 'regression', positiveClass: null, classes: [] };

describe('errorStream', () => {
  it('keeps labelled rows only, in event-time order with ties broken by eventId', () => {
    const rows = [
      row('b', 20, { number: 0.9, label: true }),
      row('z', 10, { number: 0.9, label: null }),
      row('c', 10, { number: 0.1, label: true }),
      row('a', 20, { number: 0.2, label: false }),
    ];
    expect(errorStream(rows, BINARY)).toEqual([
      { eventId: 'c', eventTime: 10, error: 1 },
      { eventId: 'a', eventTime: 20, error: 0 },
      { eventId: 'b', eventTime: 20, error: 0 },
    ]);
  });

  it('reads a binary score as the positive class from 0.5, against labels normalised to text', () => {
    const rows = [
      row('1', 1, { number: 0.5, label: 'true' }), // 0.5 predicts positive
      row('2', 2, { number: 0.4999, label: true }),
      row('3', 3, { number: 0.7, label: false }),
      row('4', 4, { number: 0.2, label: 'false' }),
    ];
    expect(errorStream(rows, BINARY).map((p) => p.error)).toEqual([0, 1, 1, 0]);
    const numeric: TaskShape = { task: 'binary', positiveClass: '1', classes: ['0', '1'] };
    expect(errorStream([row('a', 1, { number: 0.8, label: 1 }), row('b', 2, { number: 0.8, label: '0' })], numeric).map((p) => p.error)).toEqual([0, 1]);
  });

  it('takes the argmax of a probability map, ties to the first class in sorted order', () => {
    const rows = [
      row('1', 1, { kind: 'probabilities', probabilities: { cat: 0.4, '2': 0.4, '1': 0.2 }, label: 2 }), // tie 2 / cat → '2'
      row('2', 2, { kind: 'probabilities', probabilities: { cat: 0.4, '2': 0.4 }, label: 'cat' }),
      row('3', 3, { kind: 'probabilities', probabilities: { cat: 0.7, '1': 0.3 }, label: 'cat' }),
      row('4', 4, { kind: 'probabilities', probabilities: {}, label: 'cat' }), // nothing to compare: left out
    ];
    expect(errorStream(rows, MULTI)).toEqual([
      { eventId: '1', eventTime: 1, error: 0 },
      { eventId: '2', eventTime: 2, error: 1 },
      { eventId: '3', eventTime: 3, error: 0 },
    ]);
  });

  it('compares class predictions with labels as text (1 = "1", true = "true")', () => {
    const rows = [
      row('1', 1, { kind: 'class', class: '1', label: 1 }),
      row('2', 2, { kind: 'class', class: 'true', label: true }),
      row('3', 3, { kind: 'class', class: 'cat', label: 'Cat' }),
      row('4', 4, { kind: 'number', number: 2, label: '2' }),
    ];
    expect(errorStream(rows, MULTI).map((p) => p.error)).toEqual([0, 0, 1, 0]);
  });

  it('gives regression the absolute error and leaves out labels that are not numbers', () => {
    const rows = [
      row('1', 1, { number: 2.5, label: 4 }),
      row('2', 2, { number: -1, label: '-3.5' }),
      row('3', 3, { number: 1, label: 'n/a' }),
      row('4', 4, { kind: 'class', class: 'x', label: 1 }),
    ];
    expect(errorStream(rows, REGRESSION)).toEqual([
      { eventId: '1', eventTime: 1, error: 1.5 },
      { eventId: '2', eventTime: 2, error: 2.5 },
    ]);
  });
});
