export { createKafka, type KafkaClientConfig } from './create-kafka';
export { kafkaClientConfig, kafkaSecurityOptions, type KafkaSecurityHints } from './kafka-security';
export { explainConnectError, KafkaAuthenticationError } from './kafka-auth-error';
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
  RecordTooLargeError,
  type RecordShrinker,
  type SendOptions,
} from './producer';
export { DEFAULT_MAX_MESSAGE_BYTES, RECORD_BATCH_OVERHEAD, recordBytesBound } from './record-size';
export { chunkByBytes, type ByteChunk } from './byte-chunks';
export { TopicLimits, type TopicLimitsOptions } from './topic-limits';
export { RecordSender } from './record-sender';
export { isTooLargeError, kafkaErrorType } from './kafka-error.util';
export {
  DLQ_HEADERS,
  DLQ_KEPT_VALUE_BYTES,
  MAX_DLQ_REASON_LENGTH,
  shrinkDeadLetter,
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
  type PoisonMessage,
  type PoisonOptions,
} from './batch-consumer-runner';
export { asTransient, isTransientError, TransientError } from './transient-error';
export { consumerLagGauge, countDeadLetters, dlqMessagesCounter, poisonMessagesCounter, zeroDlqMessages } from './consumer-metrics';
export { consumerLag } from './consumer-lag.util';
export { DLQ_REASON_CLASSES, dlqReasonClass, type DlqReasonClass } from './dlq-reason.util';
export { ConsumerShell, dlqEntry, type ConsumerShellOptions, type ShellConsumerOptions, type ShellLog } from './consumer-shell';
