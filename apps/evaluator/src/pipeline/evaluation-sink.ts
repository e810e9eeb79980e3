import { encodeEvaluation, type EvaluationMessage } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { DriftResultRepository, type Store } from '@driftwatch/store';
import type { Producer } from 'kafkajs';

export const EVALUATION_ID_HEADER = 'dw-evaluation-id';

/**
 * Stores evaluations in drift_results, then publishes them on driftwatch.evaluations keyed by
 * model id (one model's evaluations stay in order on one partition). Stored first: a crash in
 * between makes the redelivered window write the same row again and publish, never the reverse.
 */
export class EvaluationSink {
  private readonly results: DriftResultRepository;

  constructor(
    store: Store,
    private readonly producer: Producer,
    private readonly topic: string,
  ) {
    this.results = new DriftResultRepository(store.client);
  }

  async deliver(evaluations: readonly EvaluationMessage[]): Promise<void> {
    if (evaluations.length === 0) return;
    // A batch holding a window and its late update: the last evaluation of an id wins.
    const byId = new Map<string, EvaluationMessage>();
    for (const e of evaluations) {
      byId.delete(e.evaluationId);
      byId.set(e.evaluationId, e);
    }
    const list = [...byId.values()];
    const records = list.map((e) => ({ key: e.modelId, value: encodeEvaluation(e), headers: { [EVALUATION_ID_HEADER]: e.evaluationId } }));
    await this.results.save(list);
    await sendRecords(this.producer, this.topic, records);
  }
}
