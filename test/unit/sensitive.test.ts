import { describe, expect, it } from 'vitest';
import { compileSensitive, EXCERPT_CONTEXT, maskWord } from '../../src/rules/sensitive';

describe('maskWord', () => {
  it.each([
    ['违禁词', '违*词'],
    ['违禁', '违*'],
    ['毒', '*'],
    ['vip会员卡', 'v****卡'],
    ['𠀋𠀋𠀋', '𠀋*𠀋'],
    ['', ''],
  ])('%s → %s', (word, masked) => expect(maskWord(word)).toBe(masked));
});

describe('compileSensitive', () => {
  const m = compileSensitive(['违禁词', 'VIP', '赌博', '代开发票']);

  it.each([
    ['违禁词', '违禁词'],
    ['违 禁 词', '违 禁 词'],
    ['违-禁-词', '违-禁-词'],
    ['违.禁_词', '违.禁_词'],
    ['违\u200b禁\u200b词', '违\u200b禁\u200b词'],
    ['违😀禁😀词', '违😀禁😀词'],
    ['违\u0336禁\u0336词', '违\u0336禁\u0336词'],
    ['ＶＩＰ', 'ＶＩＰ'],
    ['vip', 'vip'],
    ['V I P', 'V I P'],
    ['v.i.p', 'v.i.p'],
    ['Ｖ－ｉ－Ｐ', 'Ｖ－ｉ－Ｐ'],
  ])('catches the evasion %j in original coordinates', (evasion, span) => {
    const text = `你好${evasion}谢谢`;
    const { hits } = m.scan(text);
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe(span);
  });

  it('catches words written in traditional characters, and masks them as written', () => {
    const m = compileSensitive(['代开发票']);
    const scan = m.scan('可以代開發票嗎');
    expect(scan.hits).toEqual([{ word: '代开发票', start: 2, end: 6 }]);
    expect(scan.masked).toBe('可以代**票嗎');
    expect(compileSensitive(['代開發票']).test('代开发票')).toBe(true);
  });

  it('masks hits in the text, separators included', () => {
    expect(m.scan('有违-禁-词吗').masked).toBe('有违*词吗');
    expect(m.scan('ＶＩＰ来了').masked).toBe('Ｖ*Ｐ来了');
    expect(m.scan('赌博和代开发票').masked).toBe('赌*和代**票');
  });

  it('reports the configured word, every occurrence, in text order', () => {
    const { hits } = m.scan('vip 违禁词 VIP');
    expect(hits.map((h) => [h.word, h.start, h.end])).toEqual([
      ['VIP', 0, 3],
      ['违禁词', 4, 7],
      ['VIP', 8, 11],
    ]);
  });

  it('merges overlapping words into one masked span', () => {
    const o = compileSensitive(['违禁', '禁词']);
    const r = o.scan('这是违禁词');
    expect(r.hits.map((h) => h.word)).toEqual(['违禁', '禁词']);
    expect(r.masked).toBe('这是违*词');
  });

  it('gives a masked excerpt around the first hit, with ellipses where cut', () => {
    const long = '前'.repeat(50) + '违禁词' + '后'.repeat(50);
    const { excerpt } = m.scan(long);
    expect(excerpt).toBe(`…${'前'.repeat(EXCERPT_CONTEXT)}违*词${'后'.repeat(EXCERPT_CONTEXT)}…`);
    expect(m.scan('违禁词').excerpt).toBe('违*词');
    expect(excerpt).not.toContain('违禁词');
  });

  it('answers clean text unchanged', () => {
    expect(m.scan('正常的消息')).toEqual({ hits: [], masked: '正常的消息', excerpt: '' });
    expect(m.test('正常的消息')).toBe(false);
    expect(m.test('违 禁 词')).toBe(true);
  });

  it('does not match across words that only look alike', () => {
    expect(m.scan('违禁的词').hits).toEqual([]);
    expect(m.scan('vi p').hits).toHaveLength(1); // spacing is ignored by design
  });

  it('treats spellings of one word as one and lists unmatchable words', () => {
    const d = compileSensitive(['违禁词', '违 禁 词', '!!!', '？']);
    expect(d.scan('违禁词').hits).toHaveLength(1);
    expect(d.unmatchable).toEqual(['!!!', '？']);
  });

  it('handles 10,000 words in one pass', () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `词${i.toString(36)}号`);
    const big = compileSensitive(words);
    const r = big.scan('这里有词 a b 号和词zz号');
    expect(r.hits.map((h) => h.word)).toEqual(['词ab号', '词zz号']);
  });
});
