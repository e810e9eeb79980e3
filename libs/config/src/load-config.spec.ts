import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGGREGATOR_CONFIG } from './aggregator-config';
import { DEFAULT_ALERTER_CONFIG } from './alerter-config';
import { ConfigError } from './config-error';
import { DEFAULT_EVALUATOR_CONFIG } from './evaluator-config';
import { loadConfig } from './load-config';
import { windowSecondsOf } from './window-size';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const c = loadConfig({});
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.clickhouse).toEqual({ mode: 'embedded', database: 'driftwatch', user: undefined, password: undefined });
    expect(c.dataDir).toBe(path.resolve('.driftwatch'));
    expect(c.httpPort).toBe(8080);
    expect(c.topics).toEqual({
      events: 'inference-events',
      labels: 'inference-labels',
      windows: 'driftwatch.windows',
      evaluations: 'driftwatch.evaluations',
      incidents: 'driftwatch.incidents',
      dlq: 'driftwatch.dlq',
    });
    expect(c.maxEventBytes).toBe(1048576);
    expect(c.window.sizeSeconds).toBe(60);
    expect(c.kafka.groups.aggregator).toBe('driftwatch-aggregator');
    expect(c.kafka.maxMessageBytes).toBeUndefined();
  });

  it('takes KAFKA_MAX_MESSAGE_BYTES as a fixed producer limit, 0 meaning the broker decides', () => {
    expect(loadConfig({ KAFKA_MAX_MESSAGE_BYTES: '524288' }).kafka.maxMessageBytes).toBe(524288);
    expect(loadConfig({ KAFKA_MAX_MESSAGE_BYTES: '0' }).kafka.maxMessageBytes).toBeUndefined();
    expect(() => loadConfig({ KAFKA_MAX_MESSAGE_BYTES: '100' })).toThrow(/KAFKA_MAX_MESSAGE_BYTES: must be 0 \(read from the broker\) or at least 1024, got 100/);
  });

  it('takes KAFKA_SESSION_TIMEOUT_MS within the broker\'s default bounds (6 s … 30 min), 30 s when unset', () => {
    expect(loadConfig({}).kafka.sessionTimeoutMs).toBe(30_000);
    expect(loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '10000' }).kafka.sessionTimeoutMs).toBe(10_000);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '3000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS.*6000.*3000/);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '2000000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '10s' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      KAFKA_BROKERS: 'k1:9092, k2:19092,[::1]:9093',
      CLICKHOUSE_URL: 'https://ch.example:8443',
      CLICKHOUSE_USER: 'dw',
      CLICKHOUSE_PASSWORD: 's3cret',
      CLICKHOUSE_DATABASE: 'dw_prod',
      DRIFTWATCH_DATA_DIR: '/var/lib/dw',
      HTTP_PORT: '9000',
      DRIFTWATCH_TOPIC_EVENTS: 'ev',
      DRIFTWATCH_TOPIC_DLQ: 'dead.letters',
      DRIFTWATCH_MAX_EVENT_BYTES: '2048',
      DRIFTWATCH_WINDOW_SECONDS: '300',
      DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '2.5',
      DRIFTWATCH_WINDOW_GRACE_SECONDS: '0',
      DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '45',
      DRIFTWATCH_CONSUMER_GROUP_PREFIX: 'dw-eu',
    });
    expect(c.kafka.brokers).toEqual(['k1:9092', 'k2:19092', '[::1]:9093']);
    expect(c.clickhouse.mode).toBe('server');
    expect(c.clickhouse.url).toBe('https://ch.example:8443');
    expect(c.clickhouse.user).toBe('dw');
    expect(c.clickhouse.password?.reveal()).toBe('s3cret');
    expect(c.clickhouse.database).toBe('dw_prod');
    expect(c.dataDir).toBe('/var/lib/dw');
    expect(c.httpPort).toBe(9000);
    expect(c.topics.events).toBe('ev');
    expect(c.topics.dlq).toBe('dead.letters');
    expect(c.topics.labels).toBe('inference-labels');
    expect(c.maxEventBytes).toBe(2048);
    expect(c.window).toEqual({ sizeSeconds: 300, outOfOrdernessSeconds: 2.5, graceSeconds: 0, idleCloseSeconds: 45 });
    expect(c.kafka.groups).toEqual({ aggregator: 'dw-eu-aggregator', evaluator: 'dw-eu-evaluator', alerter: 'dw-eu-alerter' });
  });

  it('treats blank values as unset', () => {
    const c = loadConfig({ HTTP_PORT: '', CLICKHOUSE_URL: '  ' });
    expect(c.httpPort).toBe(8080);
    expect(c.clickhouse.mode).toBe('embedded');
  });

  it('names the variable and the offending value', () => {
    expect(problemsOf({ HTTP_PORT: 'abc' })).toEqual(['HTTP_PORT: expected an integer 1..65535, got "abc"']);
    expect(problemsOf({ HTTP_PORT: '70000' })).toEqual(['HTTP_PORT: expected an integer 1..65535, got "70000"']);
    expect(problemsOf({ HTTP_PORT: '80.5' })).toEqual(['HTTP_PORT: expected an integer 1..65535, got "80.5"']);
  });

  it('collects all problems at once', () => {
    let error: unknown;
    try {
      loadConfig({
        HTTP_PORT: '0',
        KAFKA_BROKERS: 'good:9092,nohost,bad:port',
        CLICKHOUSE_DATABASE: 'drop table;',
        DRIFTWATCH_WINDOW_SECONDS: '-1',
        DRIFTWATCH_WINDOW_GRACE_SECONDS: 'soon',
        DRIFTWATCH_TOPIC_EVENTS: 'has space',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CLICKHOUSE_DATABASE',
      'DRIFTWATCH_TOPIC_EVENTS',
      'DRIFTWATCH_WINDOW_GRACE_SECONDS',
      'DRIFTWATCH_WINDOW_SECONDS',
      'HTTP_PORT',
      'KAFKA_BROKERS',
    ]);
    expect(problems).toContain('KAFKA_BROKERS: expected a comma-separated list of host:port, got "nohost", "bad:port"');
    for (const p of problems) expect((error as Error).message).toContain(p);
  });

  it('rejects two roles sharing one topic', () => {
    expect(problemsOf({ DRIFTWATCH_TOPIC_DLQ: 'inference-events' })).toEqual([
      'DRIFTWATCH_TOPIC_*: each topic must be distinct, "inference-events" used twice',
    ]);
  });

  it('rejects a non-http ClickHouse URL without echoing it', () => {
    expect(problemsOf({ CLICKHOUSE_URL: 'tcp://ch:9000' })).toEqual([
      'CLICKHOUSE_URL: expected an http:// or https:// URL, got protocol "tcp:"',
    ]);
    const [problem] = problemsOf({ CLICKHOUSE_URL: 'not a url with p4ssw0rd' });
    expect(problem).toMatch(/^CLICKHOUSE_URL: /);
    expect(problem).not.toContain('p4ssw0rd');
  });

  it('moves credentials out of the ClickHouse URL', () => {
    const c = loadConfig({ CLICKHOUSE_URL: 'http://alice:p%40ss@ch:8123/' });
    expect(c.clickhouse.url).toBe('http://ch:8123');
    expect(c.clickhouse.user).toBe('alice');
    expect(c.clickhouse.password?.reveal()).toBe('p@ss');
  });

  it('never prints the password through JSON, inspect or string interpolation', () => {
    const c = loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_PASSWORD: 'hunter2' });
    expect(JSON.stringify(c)).not.toContain('hunter2');
    expect(inspect(c, { depth: 10 })).not.toContain('hunter2');
    expect(`${c.clickhouse.password}`).not.toContain('hunter2');
  });

  it('returns a frozen object', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.kafka.brokers)).toBe(true);
    expect(Object.isFrozen(c.window)).toBe(true);
  });
});

describe('loadConfig: the services\' sections', () => {
  it('reads every service\'s variables into its section, with the documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.aggregator).toEqual(DEFAULT_AGGREGATOR_CONFIG);
    expect(defaults.evaluator).toEqual(DEFAULT_EVALUATOR_CONFIG);
    expect(defaults.alerter).toEqual(DEFAULT_ALERTER_CONFIG);
    const c = loadConfig({ DRIFTWATCH_EVENT_FORMAT: 'avro', DRIFTWATCH_SILENCE_CHECK_MS: '0', DRIFTWATCH_WEBHOOKS: 'off' });
    expect([c.aggregator.eventFormat, c.evaluator.silenceCheckMs, c.alerter.webhooksEnabled]).toEqual(['avro', 0, false]);
    expect(Object.isFrozen(c.aggregator) && Object.isFrozen(c.alerter.webhookRetry)).toBe(true);
  });

  it('reads the prediction retention in days (default 90), refusing 0, fractions and more than ten years', () => {
    expect(loadConfig({}).aggregator.predictionRetentionDays).toBe(90);
    expect(loadConfig({ DRIFTWATCH_PREDICTION_RETENTION_DAYS: '14' }).aggregator.predictionRetentionDays).toBe(14);
    for (const bad of ['0', '1.5', '3651', 'week']) {
      expect(problemsOf({ DRIFTWATCH_PREDICTION_RETENTION_DAYS: bad })).toEqual([`DRIFTWATCH_PREDICTION_RETENTION_DAYS: expected an integer 1..3650, got "${bad}"`]);
    }
  });

  it('reads the retention of the growing tables in days, refusing windows kept under 8 days', () => {
    expect(loadConfig({}).retention).toEqual({ windowDays: 90, resultDays: 180, incidentDays: 365, sampleDays: 30 });
    expect(loadConfig({ DRIFTWATCH_WINDOW_RETENTION_DAYS: '30', DRIFTWATCH_INCIDENT_RETENTION_DAYS: '730' }).retention).toMatchObject({ windowDays: 30, incidentDays: 730 });
    expect(problemsOf({ DRIFTWATCH_WINDOW_RETENTION_DAYS: '7' })).toEqual(['DRIFTWATCH_WINDOW_RETENTION_DAYS: expected an integer 8..3650, got "7"']);
    expect(problemsOf({ DRIFTWATCH_RESULT_RETENTION_DAYS: '0', DRIFTWATCH_SAMPLE_RETENTION_DAYS: 'month' }).map((p) => p.split(':')[0])).toEqual([
      'DRIFTWATCH_RESULT_RETENTION_DAYS',
      'DRIFTWATCH_SAMPLE_RETENTION_DAYS',
    ]);
  });

  it('reads the unknown feature names kept per window (default 100, 0 … 10000)', () => {
    expect(loadConfig({}).aggregator.maxUnknownFeatures).toBe(100);
    expect(loadConfig({ DRIFTWATCH_MAX_UNKNOWN_FEATURES: '0' }).aggregator.maxUnknownFeatures).toBe(0);
    expect(problemsOf({ DRIFTWATCH_MAX_UNKNOWN_FEATURES: '10001' })).toEqual(['DRIFTWATCH_MAX_UNKNOWN_FEATURES: expected an integer 0..10000, got "10001"']);
  });

  it('reports the shared and the services\' problems together', () => {
    expect(problemsOf({ HTTP_PORT: 'x', DRIFTWATCH_AGGREGATOR_FLUSH_MS: 'x', DRIFTWATCH_SILENCE_CHECK_MS: 'x', DRIFTWATCH_WEBHOOKS: 'x' }).map((p) => p.split(':')[0])).toEqual([
      'HTTP_PORT',
      'DRIFTWATCH_AGGREGATOR_FLUSH_MS',
      'DRIFTWATCH_SILENCE_CHECK_MS',
      'DRIFTWATCH_WEBHOOKS',
    ]);
  });

  it('takes overrides per section, and per-model window sizes that every service sees', () => {
    const c = loadConfig({ DRIFTWATCH_WINDOW_SECONDS: '60' }, { aggregator: { flushIntervalMs: 100 }, window: { sizeSecondsByModel: { hourly: 3600 } } });
    expect(c.aggregator.flushIntervalMs).toBe(100);
    expect(windowSecondsOf(c.window, 'hourly')).toBe(3600);
    expect(windowSecondsOf(c.window, 'other')).toBe(60);
    expect(windowSecondsOf(c.window, 'constructor')).toBe(60);
    expect(loadConfig({}).window.sizeSecondsByModel).toBeUndefined();
    expect(problemsOf({ HTTP_PORT: '0' }).length).toBe(1);
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: '0' }, { window: { sizeSecondsByModel: { m: 1.5 } } });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'HTTP_PORT: expected an integer 1..65535, got "0"',
      'window.sizeSecondsByModel: window size of model "m" must be a positive integer of seconds, got 1.5',
    ]);
  });
});

describe('loadConfig: labels section', () => {
  it('derives the label group from the prefix and keeps labels 90 days by default', () => {
    expect(loadConfig({}).labels).toEqual({ group: 'driftwatch-labels', retentionDays: 90 });
    expect(loadConfig({ DRIFTWATCH_CONSUMER_GROUP_PREFIX: 'dw-eu', DRIFTWATCH_LABEL_RETENTION_DAYS: '400' }).labels).toEqual({
      group: 'dw-eu-labels',
      retentionDays: 400,
    });
  });

  it('rejects a retention that is not a whole number of days from 1 to 3650', () => {
    for (const bad of ['0', '-1', '1.5', '3651', 'ninety']) {
      expect(problemsOf({ DRIFTWATCH_LABEL_RETENTION_DAYS: bad }).some((p) => p.startsWith('DRIFTWATCH_LABEL_RETENTION_DAYS'))).toBe(true);
    }
  });
});
