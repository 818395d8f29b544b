import { describe, expect, it } from 'vitest';
import { keepAtMost } from '../../src/runtime/keep-at-most';

describe('keepAtMost', () => {
  it('keeps the newest entries, a key set again counting as new', () => {
    const memo = new Map<string, number>();
    keepAtMost(memo, 'a', 1, 2);
    keepAtMost(memo, 'b', 2, 2);
    keepAtMost(memo, 'a', 3, 2);
    keepAtMost(memo, 'c', 4, 2);
    expect([...memo]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });

  it('never holds more than its bound, however many keys come', () => {
    const memo = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) keepAtMost(memo, i, i, 100);
    expect(memo.size).toBe(100);
    expect(memo.has(9_999) && memo.has(9_900) && !memo.has(9_899)).toBe(true);
  });
});
