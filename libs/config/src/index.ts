export { ConfigError } from './config-error';
export { Secret } from './secret';
export type { ClickHouseConfig, DriftwatchConfig, KafkaConfig, TopicsConfig, WindowConfig } from './driftwatch-config';
export { EnvReader, type Env } from './env-reader';
export { DEFAULT_TOPICS, loadConfig } from './load-config';
export { describeConfig } from './describe-config';
