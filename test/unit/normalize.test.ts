import { describe, expect, it } from 'vitest';
import { compact, compactKey, normalizeText, toOriginal } from '../../src/rules/normalize';
import { simplify } from '../../src/rules/simplify';

describe('normalizeText', () => {
  it('folds full-width to half-width and lower-cases', () => {
    expect(normalizeText('ＶＩＰ会员１２３ＡＢＣ')).toBe('vip会员123abc');
  });
  it('keeps spaces and punctuation', () => {
    expect(normalizeText('Hello, 世界！')).toBe('hello, 世界!');
  });
});

describe('compact', () => {
  it.each([
    ['违 禁 词', '违禁词'],
    ['违-禁-词', '违禁词'],
    ['违.禁_词', '违禁词'],
    ['违，禁。词！', '违禁词'],
    ['违\u200b禁\u200d词\ufeff', '违禁词'],
    ['违\u3000禁\t词\n', '违禁词'],
    ['违😀禁❤️词', '违禁词'],
    ['违\u0336禁\u0336词', '违禁词'], // combining strike-through
    ['ＶＩＰ', 'vip'],
    ['V I P', 'vip'],
    ['Ｖ－Ｉ－Ｐ', 'vip'],
    ['【退货】', '退货'],
    ['㍿', '株式会社'],
    // Per code point: the half-width voiced mark becomes a combining mark and is dropped (not ガ).
    ['ｶﾞ', 'カ'],
    ['Straße', 'straße'],
    ['𠀋𠀋', '𠀋𠀋'], // astral ideographs stay whole
  ])('%j reads %j', (input, expected) => {
    expect(compact(input).text).toBe(expected);
  });

  it('maps every compact unit back to the original character it came from', () => {
    const src = 'Ａ b，违 禁';
    const c = compact(src);
    expect(c.text).toBe('ab违禁');
    expect(c.origin).toEqual([0, 2, 4, 6]);
    expect(toOriginal(c, 2, 4)).toEqual({ start: 4, end: 7 });
  });

  it('maps expansions and astral characters to the whole original code point', () => {
    const src = 'x㍿y𠀋z';
    const c = compact(src);
    expect(c.text).toBe('x株式会社y𠀋z');
    expect(toOriginal(c, 1, 5)).toEqual({ start: 1, end: 2 });
    const astral = c.text.indexOf('𠀋');
    expect(toOriginal(c, astral, astral + 2)).toEqual({ start: 3, end: 5 });
    expect(src.slice(3, 5)).toBe('𠀋');
  });

  it('fast paths agree with the general path', () => {
    // Every BMP code point through compact() one at a time equals NFKC + lower + drop + simplify on its own.
    const dropped = /[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]/gu;
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const expected = simplify(ch.normalize('NFKC').toLowerCase().replace(dropped, ''));
      if (compactKey(ch) !== expected) expect.fail(`U+${cp.toString(16)}: ${compactKey(ch)} vs ${expected}`);
    }
  });

  it('folds traditional characters to simplified, keeping the original offsets', () => {
    const c = compact('代開-發票');
    expect(c.text).toBe('代开发票');
    expect(c.origin).toEqual([0, 1, 3, 4]);
  });

  it('handles long texts and empty input', () => {
    expect(compact('').text).toBe('');
    expect(compact('字'.repeat(100_000)).text.length).toBe(100_000);
  });
});
