import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@driftwatch/config';
import { startAlerterApp } from './bootstrap';

describe('startAlerterApp', () => {
  it('refuses to listen beyond loopback without API tokens, naming HTTP_HOST and DRIFTWATCH_API_TOKENS', async () => {
    const config = loadConfig({ HTTP_HOST: '0.0.0.0', KAFKA_BROKERS: '127.0.0.1:1' });
    const started = startAlerterApp({ config, httpPort: 0 });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toMatchObject({ problems: [expect.stringMatching(/^HTTP_HOST: 0\.0\.0\.0 .*DRIFTWATCH_API_TOKENS/)] });
  });
});
