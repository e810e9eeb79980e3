import { describe, expect, it } from 'vitest';
import { lp } from '../testing/performance-fixture.test-util';
import { binaryLabel, inferTask, normaliseLabel } from './task';

describe('normaliseLabel', () => {
  it('spells booleans and numbers as class names', () => {
    expect([normaliseLabel(true), normaliseLabel(false), normaliseLabel(1), normaliseLabel(2.5), normaliseLabel('x')]).toEqual(['true', 'false', '1', '2.5', 'x']);
  });
});

describe('inferTask (auto)', () => {
  it('two classes in probability maps ∪ labels: binary, positive "1"/"true" else the second sorted', () => {
    expect(inferTask([lp('probabilities', { no: 0.3, yes: 0.7 }, 'yes')], 'auto')).toEqual({ task: 'binary', positiveClass: 'yes', classes: ['no', 'yes'] });
    expect(inferTask([lp('probabilities', { '1': 0.3, '0': 0.7 }, 0)], 'auto')).toEqual({ task: 'binary', positiveClass: '1', classes: ['0', '1'] });
    expect(inferTask([lp('probabilities', { true: 0.3, false: 0.7 }, null)], 'auto').positiveClass).toBe('true');
  });

  it('more classes in maps or labels: multiclass, classes sorted', () => {
    expect(inferTask([lp('probabilities', { b: 0.3, a: 0.7 }, 'c')], 'auto')).toEqual({ task: 'multiclass', positiveClass: null, classes: ['a', 'b', 'c'] });
  });

  it('class predictions: binary or multiclass by the classes seen; a boolean class alone gets its pair', () => {
    expect(inferTask([lp('class', 'cat', 'dog'), lp('class', 'dog', 'dog')], 'auto')).toEqual({ task: 'binary', positiveClass: 'dog', classes: ['cat', 'dog'] });
    expect(inferTask([lp('class', 'a', 'b'), lp('class', 'c', null)], 'auto').task).toBe('multiclass');
    expect(inferTask([lp('class', 'true', true)], 'auto')).toEqual({ task: 'binary', positiveClass: 'true', classes: ['false', 'true'] });
    expect(inferTask([lp('class', 'only', 'only')], 'auto')).toEqual({ task: 'multiclass', positiveClass: null, classes: ['only'] });
  });

  it('numbers: a binary score with 0/1/boolean labels and scores in [0, 1], regression otherwise', () => {
    expect(inferTask([lp('number', 0.2, 0), lp('number', 0.9, '1')], 'auto')).toEqual({ task: 'binary', positiveClass: '1', classes: ['0', '1'] });
    expect(inferTask([lp('number', 0.2, false), lp('number', 0.9, 'true')], 'auto')).toEqual({ task: 'binary', positiveClass: 'true', classes: ['false', 'true'] });
    expect(inferTask([lp('number', 0.2, 0), lp('number', 1.5, 1)], 'auto').task).toBe('regression');
    expect(inferTask([lp('number', 0.2, 0.3)], 'auto').task).toBe('regression');
    expect(inferTask([lp('number', 0.2, 2)], 'auto').task).toBe('regression');
  });

  it('a policy task fixes the task; regression ignores classes', () => {
    expect(inferTask([lp('number', 0.2, 0)], 'regression')).toEqual({ task: 'regression', positiveClass: null, classes: [] });
    expect(inferTask([lp('class', 'a', 'b')], 'multiclass')).toEqual({ task: 'multiclass', positiveClass: null, classes: ['a', 'b'] });
    expect(inferTask([lp('number', 3, 7)], 'binary').task).toBe('binary');
  });

  it('the hint (the baseline snapshot) wins, a multiclass hint gaining the window’s new classes', () => {
    const binary = { task: 'binary' as const, positiveClass: 'yes', classes: ['no', 'yes'] };
    expect(inferTask([lp('class', 'no', 'no')], 'auto', binary)).toEqual(binary);
    const multi = { task: 'multiclass' as const, positiveClass: null, classes: ['a', 'b', 'c'] };
    expect(inferTask([lp('class', 'a', 'd')], 'auto', multi).classes).toEqual(['a', 'b', 'c', 'd']);
    expect(inferTask([lp('number', 0.3, 1)], 'auto', { task: 'regression', positiveClass: null, classes: [] }).task).toBe('regression');
  });

  it('mixed kinds: the most frequent decides; no rows: regression unless forced', () => {
    expect(inferTask([lp('class', 'a', 'a'), lp('class', 'b', 'b'), lp('number', 0.5, 'a')], 'auto').task).toBe('binary');
    expect(inferTask([], 'auto').task).toBe('regression');
    expect(inferTask([], 'binary').task).toBe('binary');
  });
});

describe('binaryLabel', () => {
  it('maps boolean twins onto a boolean pair only', () => {
    const ones = { task: 'binary' as const, positiveClass: '1', classes: ['0', '1'] };
    expect([binaryLabel('true', ones), binaryLabel('false', ones), binaryLabel('1', ones), binaryLabel('2', ones)]).toEqual(['1', '0', '1', undefined]);
    const words = { task: 'binary' as const, positiveClass: 'yes', classes: ['no', 'yes'] };
    expect(binaryLabel('1', words)).toBeUndefined();
  });
});
