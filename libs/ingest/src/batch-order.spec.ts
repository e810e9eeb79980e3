import { describe, expect, it } from 'vitest';
import { inOffsetOrder } from './batch-order';

const batch = (offsets: string[], skipped: string[]) => ({ messages: offsets.map((offset) => ({ offset })), skipped });

describe('inOffsetOrder', () => {
  it('merges the poison offsets the runner skipped between the messages, by numeric offset', () => {
    expect([...inOffsetOrder(batch(['9', '11', '100'], ['8', '10', '99', '101']))]).toEqual([
      { offset: '8', index: -1 },
      { offset: '9', index: 0 },
      { offset: '10', index: -1 },
      { offset: '11', index: 1 },
      { offset: '99', index: -1 },
      { offset: '100', index: 2 },
      { offset: '101', index: -1 },
    ]);
  });

  it('yields the messages alone, or the skipped offsets alone', () => {
    expect([...inOffsetOrder(batch(['1', '2'], []))]).toEqual([
      { offset: '1', index: 0 },
      { offset: '2', index: 1 },
    ]);
    expect([...inOffsetOrder(batch([], ['5', '6']))]).toEqual([
      { offset: '5', index: -1 },
      { offset: '6', index: -1 },
    ]);
    expect([...inOffsetOrder(batch([], []))]).toEqual([]);
  });
});
