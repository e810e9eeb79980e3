import type { EvaluationMessage } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { newestRevisions } from './evaluation-sink';

const e = (id: string, revision: number | undefined, evaluatedAt: number): EvaluationMessage =>
  ({ evaluationId: id, evaluatedAt, ...(revision === undefined ? {} : { revision }) }) as EvaluationMessage;

describe('newestRevisions', () => {
  it('keeps one evaluation per id, the highest revision, at the place of its last occurrence', () => {
    const kept = newestRevisions([e('a', 0, 1), e('b', undefined, 2), e('a', 5, 3), e('a', 2, 4), e('c', 0, 5)]);
    expect(kept.map((x) => [x.evaluationId, x.revision, x.evaluatedAt])).toEqual([
      ['b', undefined, 2],
      ['a', 5, 3],
      ['c', 0, 5],
    ]);
  });

  it('on equal revisions keeps the later evaluation (a message without revision is revision 0)', () => {
    expect(newestRevisions([e('a', undefined, 1), e('a', 0, 2)]).map((x) => x.evaluatedAt)).toEqual([2]);
  });
});
