import { describe, expect, it } from 'vitest';
import { CONTEXT_BOOST, compileKnowledge, knowledgeEntry, searchKnowledge, tokenize } from '../../src/engine/knowledge';
import { KnowledgeSchema } from '../../src/rules/config';

const entries = [
  { id: 'price', questions: ['价格', '多少钱'], answer: '以详情页为准', sets_context: 'price' },
  { id: 'price-discount', questions: ['有没有优惠'], requires_context: 'price', answer: '立减 20 元' },
  { id: 'promotions', questions: ['最近有什么活动', '店铺促销'], answer: '满 299 减 50' },
  { id: 'shipping-fee', questions: ['运费多少', '包邮吗'], answer: '满 99 包邮' },
].map((e) => KnowledgeSchema.parse(e));
const index = compileKnowledge(entries);
const none = new Set<string>();
const best = (text: string, topics: ReadonlySet<string> = none) => searchKnowledge(index, text, { topics })[0];

describe('tokenize', () => {
  it('keeps segmenter words, Han bigrams and characters, and lower-cased Latin words', () => {
    const t = tokenize('退货运费谁出？iPhone15');
    expect(t).toEqual(expect.arrayContaining(['退货', '货运', '运费', '费谁', '谁出', '退', '货', '运', '费', 'iphone15']));
  });
  it('drops particles as single characters but keeps them inside bigrams', () => {
    const t = tokenize('包邮吗');
    expect(t).not.toContain('吗');
    expect(t).toContain('邮吗');
  });
  it('normalises full-width characters (NFKC)', () => {
    expect(tokenize('ＶＩＰ')).toEqual(['vip']);
  });
  it('gives nothing for punctuation or emoji only', () => {
    expect(tokenize('？？？👍')).toEqual([]);
  });
});

describe('searchKnowledge', () => {
  it('the seed story: 价格 sets "price"; then 有没有优惠 finds the price discount', () => {
    expect(best('价格')?.entry.id).toBe('price');
    expect(best('价格')?.entry.sets_context).toBe('price');
    const hit = best('有没有优惠', new Set(['price']));
    expect(hit?.entry.id).toBe('price-discount');
    expect(hit?.confidence).toBeGreaterThan(0.35);
  });

  it('without the topic the contextual entry is never a hit', () => {
    const hits = searchKnowledge(index, '有没有优惠', { topics: none, limit: 10 });
    expect(hits.map((h) => h.entry.id)).not.toContain('price-discount');
    expect(searchKnowledge(index, '有没有优惠', { topics: new Set(['shipping']), limit: 10 }).map((h) => h.entry.id)).not.toContain('price-discount');
  });

  it('boosts an entry whose topic is active', () => {
    const [hit] = searchKnowledge(index, '有没有优惠', { topics: new Set(['price']) });
    // The same entries, the discount without its required topic: same IDF and lengths, no boost.
    const plain = compileKnowledge(entries.map((e) => ({ ...e, requires_context: undefined })));
    const [unboosted] = searchKnowledge(plain, '有没有优惠', { topics: none });
    expect(unboosted!.entry.id).toBe('price-discount');
    expect(hit!.score).toBeCloseTo(unboosted!.score * CONTEXT_BOOST);
  });

  it('answers paraphrases with a confidence in 0..1, best first', () => {
    const hits = searchKnowledge(index, '请问包不包邮？', { topics: none, limit: 5 });
    expect(hits[0]?.entry.id).toBe('shipping-fee');
    for (const h of hits) expect(h.confidence).toBeGreaterThanOrEqual(0), expect(h.confidence).toBeLessThanOrEqual(1);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('an exact question is fully confident; an unrelated message is not', () => {
    expect(best('运费多少')?.confidence).toBe(1);
    expect(best('今天天气怎么样')?.confidence ?? 0).toBeLessThan(0.35);
  });

  it('finds nothing for a message sharing no term, or an empty one', () => {
    expect(searchKnowledge(index, '股票', { topics: none })).toEqual([]);
    expect(searchKnowledge(index, '', { topics: none })).toEqual([]);
    expect(searchKnowledge(compileKnowledge([]), '价格', { topics: none })).toEqual([]);
  });

  it('an entry with a question that has no terms still scores (no NaN)', () => {
    const odd = compileKnowledge([KnowledgeSchema.parse({ id: 'x', questions: ['？？', '发票'], answer: 'a' })]);
    expect(searchKnowledge(odd, '发票', { topics: none })[0]?.confidence).toBe(1);
  });

  it('leaves no state behind between searches', () => {
    const first = searchKnowledge(index, '包邮吗', { topics: none });
    searchKnowledge(index, '价格 运费 活动', { topics: none });
    expect(searchKnowledge(index, '包邮吗', { topics: none })).toEqual(first);
  });
});

it('looks entries up by id', () => {
  expect(knowledgeEntry(index, 'promotions')?.answer).toBe('满 299 减 50');
  expect(knowledgeEntry(index, 'nope')).toBeUndefined();
});
