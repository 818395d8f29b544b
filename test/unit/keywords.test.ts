import { describe, expect, it } from 'vitest';
import { compileKeywords } from '../../src/rules/keywords';
import { compact } from '../../src/rules/normalize';

describe('compileKeywords', () => {
  it('finds keywords with payloads at their original positions', () => {
    const m = compileKeywords([
      { keyword: '退货', payload: 'r1' },
      { keyword: '退款', payload: 'r2' },
    ]);
    const text = '我想 退 货，然后退款';
    const hits = m.find(text);
    expect(hits).toEqual([
      { keyword: '退货', payload: 'r1', start: 3, end: 6 },
      { keyword: '退款', payload: 'r2', start: 9, end: 11 },
    ]);
    expect(text.slice(3, 6)).toBe('退 货');
  });

  it('ignores case and width on both sides', () => {
    const m = compileKeywords([{ keyword: 'ＶＩＰ', payload: 1 }, { keyword: 'refund', payload: 2 }]);
    expect(m.find('I am a vip, REFUND please').map((h) => h.payload)).toEqual([1, 2]);
  });

  it('reports overlapping and nested keywords, longest first at the same end', () => {
    const m = compileKeywords(['he', 'she', 'hers', 'his'].map((k) => ({ keyword: k, payload: k })));
    expect(m.find('ushers').map((h) => [h.keyword, h.start, h.end])).toEqual([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
  });

  it('keeps every entry of a shared keyword (two rules, one word)', () => {
    const m = compileKeywords([
      { keyword: '退货', payload: 'a' },
      { keyword: '退 货', payload: 'b' },
    ]);
    expect(m.find('退货').map((h) => h.payload)).toEqual(['a', 'b']);
  });

  it('lists keywords that can never match instead of failing', () => {
    const m = compileKeywords([{ keyword: '？？', payload: 0 }, { keyword: '好', payload: 1 }]);
    expect(m.unmatchable).toEqual(['？？']);
    expect(m.find('好？？').map((h) => h.payload)).toEqual([1]);
  });

  it('agrees with a naive search over thousands of keywords', () => {
    let seed = 7;
    const rnd = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const alphabet = '退货款换价格多少钱优惠会员';
    const word = (len: number): string => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('');
    const keywords = [...new Set(Array.from({ length: 3000 }, () => word(1 + rnd(4))))];
    const m = compileKeywords(keywords.map((k) => ({ keyword: k, payload: k })));
    for (let round = 0; round < 20; round++) {
      const text = word(80);
      const expected: string[] = [];
      for (const k of keywords) for (let i = text.indexOf(k); i !== -1; i = text.indexOf(k, i + 1)) expected.push(`${k}@${i}`);
      const got = m.find(text).map((h) => `${h.keyword}@${h.start}`);
      expect(got.sort()).toEqual(expected.sort());
    }
  });

  it('findCompact reuses one compaction; test stops at the first hit', () => {
    const m = compileKeywords([{ keyword: '价格', payload: 1 }]);
    expect(m.findCompact(compact('价 格?'))).toHaveLength(1);
    expect(m.test('问下价-格')).toBe(true);
    expect(m.test('没有')).toBe(false);
    expect(compileKeywords([]).find('任何')).toEqual([]);
  });
});
