import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogCreator, toKafkaLogEntry, type KafkaLogEntry } from './kafka-logger';

const at = { timestamp: '2026-01-01T00:00:00Z', logger: 'kafkajs' };

describe('kafka logger adapter', () => {
  it('redacts credential-like fields at any depth', () => {
    const entry = toKafkaLogEntry('Connection', logLevel.WARN, {
      ...at,
      message: 'auth failed',
      broker: 'b:9092',
      sasl: { mechanism: 'plain', username: 'u', password: 'hunter2' },
      nested: { apiToken: 'abc' },
    } as never);
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|abc"/);
    expect(entry?.fields).toMatchObject({ broker: 'b:9092', sasl: '[redacted]', nested: { apiToken: '[redacted]' } });
  });

  it('demotes per-response connection errors, which kafkajs retries itself, to debug', () => {
    const entry = toKafkaLogEntry('Connection', logLevel.ERROR, { ...at, message: 'Response GroupCoordinator(key: 10, version: 2)' } as never);
    expect(entry?.level).toBe('debug');
    expect(toKafkaLogEntry('Consumer', logLevel.ERROR, { ...at, message: 'Crash' } as never)?.level).toBe('error');
  });

  it('forwards only entries at or above the minimum level', () => {
    const seen: KafkaLogEntry[] = [];
    const log = kafkaLogCreator((e) => seen.push(e), 'warn')(logLevel.DEBUG);
    log({ namespace: 'Consumer', level: logLevel.INFO, label: 'INFO', log: { ...at, message: 'joined' } });
    log({ namespace: 'Consumer', level: logLevel.WARN, label: 'WARN', log: { ...at, message: 'rebalancing' } });
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { ...at, message: 'Response Fetch(key: 1)' } });
    expect(seen.map((e) => e.message)).toEqual(['rebalancing']);
  });
});
