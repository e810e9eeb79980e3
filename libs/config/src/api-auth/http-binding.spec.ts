import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error';
import { loadConfig } from '../load-config';
import { checkHttpBinding, isLoopbackHost } from './http-binding';

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses from every other one', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'].filter(isLoopbackHost)).toHaveLength(7);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'api.internal', '128.0.0.1', 'localhost.evil.com'].filter(isLoopbackHost)).toEqual([]);
  });
});

describe('checkHttpBinding', () => {
  it('lets loopback listen without tokens, and any address with tokens', () => {
    expect(() => checkHttpBinding(loadConfig({}))).not.toThrow();
    expect(() => checkHttpBinding(loadConfig({ HTTP_HOST: '0.0.0.0', DRIFTWATCH_API_TOKENS: 'read:abcdefghijklmnop' }))).not.toThrow();
  });

  it('refuses any other address without tokens, in one line naming both variables', () => {
    let error: unknown;
    try {
      checkHttpBinding(loadConfig({ HTTP_HOST: '0.0.0.0' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('\n');
    expect(problems[0]).toMatch(/^HTTP_HOST: 0\.0\.0\.0 .*DRIFTWATCH_API_TOKENS/);
  });
});
