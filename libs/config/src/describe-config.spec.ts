import { describe, expect, it } from 'vitest';
import { describeConfig } from './describe-config';
import { loadConfig } from './load-config';

describe('describeConfig', () => {
  it('says a password is set without showing it', () => {
    const text = describeConfig(
      loadConfig({ CLICKHOUSE_URL: 'https://bob:urlpass@ch:8443', CLICKHOUSE_PASSWORD: 'envpass', HTTP_PORT: '8081' }),
    );
    expect(text).not.toContain('urlpass');
    expect(text).not.toContain('envpass');
    expect(text).toContain('server https://ch:8443 as bob (password set)');
    expect(text).toContain('httpPort=8081');
  });

  it('shows where the embedded engine stores its data', () => {
    const text = describeConfig(loadConfig({ DRIFTWATCH_DATA_DIR: '/tmp/dw' }));
    expect(text).toContain('clickhouse=embedded at /tmp/dw/clickhouse database=driftwatch');
  });
});

describe('describeConfig: API tokens', () => {
  it('counts tokens per scope and never shows one', () => {
    const token = 'describe-token-0123456789';
    const text = describeConfig(loadConfig({ DRIFTWATCH_API_TOKENS: `read:${token},admin:${token}x`, HTTP_HOST: '0.0.0.0', DRIFTWATCH_METRICS_AUTH: 'on' }));
    expect(text).not.toContain('describe-token');
    expect(text).toContain('httpHost=0.0.0.0');
    expect(text).toContain('apiTokens=1 read, 0 write, 1 admin (metrics too)');
    expect(describeConfig(loadConfig({}))).toContain('apiTokens=none (authentication off)');
  });
});
