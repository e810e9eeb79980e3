export { createKafka, type KafkaClientConfig } from './create-kafka';
export {
  kafkaLogCreator,
  stderrKafkaLogSink,
  toKafkaLogEntry,
  type KafkaLogEntry,
  type KafkaLogLevel,
  type KafkaLogSink,
} from './kafka-logger';
export { TOPICS, topicNames, topicSpecs, type TopicKey, type TopicNames, type TopicSpec } from './topics';
export { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsResult } from './ensure-topics';
export {
  createProducer,
  sendJson,
  sendRecords,
  type JsonRecord,
  type OutgoingRecord,
  type ProducerOptions,
  type SendOptions,
} from './producer';
export {
  DLQ_HEADERS,
  MAX_DLQ_REASON_LENGTH,
  publishManyToDlq,
  publishToDlq,
  readDlqMetadata,
  toDlqRecord,
  type DlqEntry,
  type DlqMetadata,
} from './dlq';
export {
  BatchConsumerRunner,
  type BatchConsumerRunnerOptions,
  type BatchContext,
  type BatchHandler,
  type BatchResult,
  type PartitionRef,
  type PartitionsListener,
} from './batch-consumer-runner';
