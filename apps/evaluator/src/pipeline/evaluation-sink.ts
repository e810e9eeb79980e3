import { encodeEvaluation, revisionOf, trimEvaluation, type EvaluationMessage } from '@driftwatch/contracts';
import { asTransient, recordBytesBound, type RecordSender, type RecordShrinker } from '@driftwatch/kafka';
import type { DriftResultRepository } from '@driftwatch/store';

export const EVALUATION_ID_HEADER = 'dw-evaluation-id';

/**
 * Stores evaluations in drift_results, then publishes them on driftwatch.evaluations keyed by
 * model id (one model's evaluations stay in order on one partition). Stored first: a crash in
 * between makes the redelivered window write the same row again and publish, never the reverse.
 */
export class EvaluationSink {
  constructor(
    private readonly results: DriftResultRepository,
    private readonly sender: RecordSender,
    private readonly topic: string,
  ) {}

  async deliver(evaluations: readonly EvaluationMessage[]): Promise<void> {
    if (evaluations.length === 0) return;
    const list = newestRevisions(evaluations);
    const records = list.map((e) => ({ key: e.modelId, value: encodeEvaluation(e), headers: { [EVALUATION_ID_HEADER]: e.evaluationId } }));
    // An evaluation over the topic's limit (a wide model, many findings) is published without
    // part of its evidence and says so; the stored one keeps everything.
    const shrink: RecordShrinker = (record, maxRecordBytes, i) => {
      const overhead = recordBytesBound(record) - records[i].value.length;
      return { ...record, value: encodeEvaluation(trimEvaluation(list[i], maxRecordBytes - overhead)) };
    };
    try {
      await this.results.save(list);
    } catch (error) {
      throw asTransient(error);
    }
    await this.sender.send(this.topic, records, { shrink });
  }
}

/**
 * One evaluation per id, the highest revision (on a tie the later one): a batch holding a window
 * and its late update publishes only the update, in the position of the id's last occurrence so a
 * model's windows keep their order. A lower revision after a higher one (the rollup clock and a
 * close judging one bucket) never replaces it.
 */
export function newestRevisions(evaluations: readonly EvaluationMessage[]): EvaluationMessage[] {
  const byId = new Map<string, EvaluationMessage>();
  for (const e of evaluations) {
    const seen = byId.get(e.evaluationId);
    const kept = seen && revisionOf(seen) > revisionOf(e) ? seen : e;
    byId.delete(e.evaluationId);
    byId.set(e.evaluationId, kept);
  }
  return [...byId.values()];
}
