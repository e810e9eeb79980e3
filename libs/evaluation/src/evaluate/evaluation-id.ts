import { createHash } from 'node:crypto';

/**
 * Deterministic in what was judged, so evaluating a window twice gives the same id and the
 * alerter drops the repeat: sha1 of [model, version, granularity, start, end]. Silence
 * evaluations use 'silence' as granularity, so a window that arrives after its silence
 * evaluation still gets an id of its own.
 */
export function evaluationId(modelId: string, modelVersion: string, granularity: 'window' | 'rollup' | 'silence', start: number, end: number): string {
  return createHash('sha1').update(JSON.stringify([modelId, modelVersion, granularity, start, end])).digest('hex');
}
