import { describe, expect, it } from 'vitest';
import { decodeOpenAfter, encodeOpenAfter } from './open-windows-diff.util';

const key = (modelId: string, start: number) => ({ modelId, modelVersion: '1', start, end: start + 60_000 });

describe('open windows after a flush plan, stored as a change', () => {
  const before = Array.from({ length: 200 }, (_, i) => key(`m${i}`, 0));

  it('gives back the windows after: kept ones in their order, then the opened ones', () => {
    const after = [...before.filter((_, i) => i !== 3 && i !== 150), key('m3', 60_000), key('new', 0)];
    const stored = encodeOpenAfter(before, after);
    expect(decodeOpenAfter(before, stored)).toEqual(after);
    // Each open window is stored once (in before), not twice: the change names three windows.
    expect(stored.length).toBeLessThan(JSON.stringify(after).length / 20);
  });

  it('stores nothing but an empty change when no window opened or closed', () => {
    expect(encodeOpenAfter(before, before)).toBe('{"drop":[],"add":[]}');
    expect(decodeOpenAfter(before, '{"drop":[],"add":[]}')).toEqual(before);
  });

  it('reads the full list plans stored before', () => {
    expect(decodeOpenAfter(before, JSON.stringify([key('x', 0)]))).toEqual([key('x', 0)]);
  });

  it('names a value that is neither', () => {
    expect(() => decodeOpenAfter(before, '{"drop":1}')).toThrow(/open_windows_after/);
  });
});
