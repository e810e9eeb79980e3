import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';

/**
 * Tells the ingest engine when its consumer starts to rejoin the group, which the batch runner
 * only reports once the new assignment is there. Timed flushes run outside consumer batches,
 * and kafkajs rejoins without waiting for them: from the moment this member sends its JoinGroup,
 * another member may be handed its partitions and read their last flush plan. A flush that
 * writes its plan and then finds that no rejoin has started knows the plan was in the store
 * before any new owner could look (zombie writers in apps/aggregator/README.md).
 */
export class RebalanceWatch {
  /** Rejoins started (kafkajs' `consumer.rebalancing` event) by consumers made through `wrap`. */
  private starts = 0;
  /** `starts` when the latest assignment arrived. */
  private startsAtJoin = 0;

  /** The same client; consumers it creates report their rejoins here. */
  wrap(kafka: Kafka): Kafka {
    const wrapped = Object.create(kafka) as Kafka;
    wrapped.consumer = (config: ConsumerConfig): Consumer => {
      const consumer = kafka.consumer(config);
      consumer.on(consumer.events.REBALANCING, () => void (this.starts += 1));
      // Registered before the batch runner's own GROUP_JOIN listener, so this is recorded first.
      consumer.on(consumer.events.GROUP_JOIN, () => void (this.startsAtJoin = this.starts));
      return consumer;
    };
    return wrapped;
  }

  /** An epoch to keep with the state of the assignment being handed out now. */
  assignmentEpoch(): number {
    return this.startsAtJoin;
  }

  /** True while no rejoin started since the assignment of `epoch`. */
  unchangedSince(epoch: number): boolean {
    return this.starts === epoch;
  }
}
