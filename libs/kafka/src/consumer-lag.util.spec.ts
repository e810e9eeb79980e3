import { describe, expect, it } from 'vitest';
import { consumerLag } from './consumer-lag.util';

describe('consumerLag', () => {
  it('is the records between the next offset to handle and the high watermark', () => {
    expect(consumerLag('300', 1n)).toBe(299);
    expect(consumerLag('300', '300')).toBe(0);
  });

  it('is 0, never negative, when the high watermark read at fetch time is already passed', () => {
    expect(consumerLag('10', 12n)).toBe(0);
  });

  it('handles offsets beyond 2^53 without losing the difference', () => {
    expect(consumerLag('9007199254740995', '9007199254740990')).toBe(5);
  });
});
