import { createHash } from 'node:crypto';
import type { EvaluationSubject } from '@driftwatch/contracts';

/**
 * Deterministic in what was judged, so evaluating a window twice gives the same id and the
 * alerter drops the repeat: sha1 of [model, version, granularity, start, end]. Silence
 * evaluations use 'silence' as granularity, so a window that arrives after its silence
 * evaluation still gets an id of its own. A performance evaluation of the same window appends
 * its subject to the key (data evaluations do not, so their ids stay what they always were).
 */
export function evaluationId(
  modelId: string,
  modelVersion: string,
  granularity: 'window' | 'rollup' | 'silence',
  start: number,
  end: number,
  subject: EvaluationSubject = 'data',
): string {
  const key: unknown[] = [modelId, modelVersion, granularity, start, end];
  if (subject !== 'data') key.push(subject);
  return createHash('sha1').update(JSON.stringify(key)).digest('hex');
}
