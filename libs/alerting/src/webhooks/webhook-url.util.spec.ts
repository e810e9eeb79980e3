import { describe, expect, it } from 'vitest';
import { maskWebhookUrl } from './webhook-url.util';

describe('maskWebhookUrl', () => {
  it.each([
    ['https://example.com/hook?token=abc', 'https://example.com/…'],
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'https://hooks.slack.com/…'],
    ['http://receiver.internal:8443/a/b', 'http://receiver.internal:8443/…'],
    ['https://example.com/?k=v', 'https://example.com/…'],
    ['https://example.com', 'https://example.com/'],
    ['not a url', '…'],
  ])('%s → %s', (url, masked) => {
    expect(maskWebhookUrl(url)).toBe(masked);
  });
});
