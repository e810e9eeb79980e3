// Helpers for integration tests only; production code never imports this library.
export { freePort } from './free-port';
export { isolatedEnv, TEST_RETENTION_ENV, windowEnv, type IsolatedEnvOptions, type WindowSettings } from './isolated-env';
export { tempDir, type TempDir } from './temp-dir';
export { connectAdminOrExplain, TEST_BROKERS } from './test-brokers';
export { TEST_SASL_BROKERS, TEST_SASL_USER, TEST_TLS_BROKERS, TEST_TLS_DIR, testTlsFile } from './secure-test-brokers';
export {
  collectTopic,
  readTopicUntil,
  type CollectedMessage,
  type CollectOptions,
  type ReadTopicOptions,
  type TopicCollector,
} from './topic-collector';
export { checkServiceHttp } from './service-http';
export { uniqueName } from './unique-name';
export { waitFor, type WaitForOptions } from './wait-for';
export { chromiumPath, collectPageErrors, launchChromium, paintedPixels } from './chromium';
