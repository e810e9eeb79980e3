import { describe, expect, it } from 'vitest';
import { dedupToken } from './dedup-token.util';

describe('dedupToken', () => {
  it('is deterministic and distinguishes its parts', () => {
    expect(dedupToken('inference-events', 3, 100, 199)).toBe(dedupToken('inference-events', 3, 100, 199));
    expect(dedupToken('inference-events', 3, 100, 199)).not.toBe(dedupToken('inference-events', 3, 100, 200));
    // Part boundaries matter: ("a,b") is not ("a", "b").
    expect(dedupToken('a,b')).not.toBe(dedupToken('a', 'b'));
    expect(dedupToken('x')).toMatch(/^[0-9a-f]{40}$/);
  });
});
