import { describe, expect, it } from 'vitest';
import { loadConfig } from '@driftwatch/config';
import { isolatedEnv, windowEnv } from './isolated-env';

describe('isolatedEnv', () => {
  it('gives every one of the six topics a name of its own under the base, and the groups the base as prefix', () => {
    const config = loadConfig(isolatedEnv('dw-test.x.1', { dataDir: '/tmp/dw-x', brokers: ['k1:9092', 'k2:9092'] }));
    const topics = Object.values(config.topics);
    expect(topics).toHaveLength(6);
    expect(new Set(topics).size).toBe(6);
    for (const topic of topics) expect(topic.startsWith('dw-test.x.1.')).toBe(true);
    for (const group of Object.values(config.kafka.groups)) expect(group.startsWith('dw-test.x.1')).toBe(true);
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.dataDir).toBe('/tmp/dw-x');
  });

  it('takes a consumer-group prefix apart from the topics', () => {
    const config = loadConfig(isolatedEnv('dw-test.y.1', { dataDir: '/tmp/dw-y', groupPrefix: 'dw-test.y-g.2' }));
    for (const group of Object.values(config.kafka.groups)) expect(group.startsWith('dw-test.y-g.2')).toBe(true);
    expect(config.topics.events).toBe('dw-test.y.1.events');
  });
});

describe('windowEnv', () => {
  it('sets the four window settings, defaulting the ones not given', () => {
    const config = loadConfig({ DRIFTWATCH_DATA_DIR: '/tmp/dw-w', ...windowEnv({ windowSeconds: 2, idleCloseSeconds: 30 }) });
    expect(config.window).toEqual({ sizeSeconds: 2, outOfOrdernessSeconds: 5, graceSeconds: 10, idleCloseSeconds: 30 });
  });
});
