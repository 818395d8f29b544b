import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileUnderstanding, understandMessage, type Understanding } from '../../src/engine/understanding';
import { otherParty } from '../../src/engine/understanding/party';
import { questionWords } from '../../src/engine/understanding/question-type';
import { search } from '../../src/engine/understanding/retrieve';
import { KnowledgeSchema } from '../../src/rules/config';

// Knowledge bases of trades no eval split is drawn from (a courier, a property manager, a car
// repair shop, a hotel, an insurer, a pet clinic, a software service, a gas utility), written as
// their operators would, with what their customers ask and the near misses that share an entry's
// key term but ask another attribute, object, party, time or place, an opinion, a competitor, or
// what the term means in general.
const Case = z.tuple([z.string(), z.string()]);
const TradeSchema = z.object({
  entries: z.array(KnowledgeSchema),
  /** Plainly worded customer questions and the entry each means. */
  answers: z.array(Case),
  /** In-scope questions the lexicon does not reach yet: they may fall back, never answer another entry. */
  gaps: z.array(Case),
  /** Near misses: none of the entries answers them. */
  nearMisses: z.array(z.string()),
  /** Near misses an entry still takes: what the policy cannot tell apart yet. */
  leaks: z.array(z.string()).default([]),
});
const TRADES = z.record(z.string(), TradeSchema).parse(JSON.parse(readFileSync(new URL('../fixtures/nearmiss-trades.json', import.meta.url), 'utf8')));
type Trade = z.infer<typeof TradeSchema>;

const compiled = Object.fromEntries(Object.entries(TRADES).map(([name, t]) => [name, compileUnderstanding(t.entries)]));
/** The entry answered, or the zone when none is. */
const zoneIn = (u: Understanding, text: string) => {
  const d = understandMessage(u, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};
const decide = (trade: string, text: string) => zoneIn(compiled[trade]!, text);
const cases = (pick: (t: Trade) => [string, string][]) => Object.entries(TRADES).flatMap(([name, t]) => pick(t).map(([text, id]) => [name, text, id] as const));

describe('near misses in trades nobody tuned on', () => {
  it.each(cases((t) => t.answers))('%s: %s answers %s', (trade, text, id) => {
    expect(decide(trade, text)).toBe(id);
  });

  it.each(cases((t) => t.gaps))('%s: %s never answers another entry than %s', (trade, text, id) => {
    expect([id, 'fallback', 'clarify']).toContain(decide(trade, text));
  });

  it.each(cases((t) => t.nearMisses.map((q) => [q, 'fallback'])))('%s: %s falls back', (trade, text, zone) => {
    expect(decide(trade, text)).toBe(zone);
  });

  // What the policy cannot tell apart yet: a competitor or another owner named as a word of the
  // lexicon (社保, 单位的), another kind of goods than the entry's trade (电动车补胎), what
  // 会 does not stand before (补胎伤轮胎吗), and another object of the entry's action (发票丢了能补开吗).
  it.fails.each(cases((t) => t.leaks.map((q) => [q, 'fallback'])))('%s: %s still answers (a known leak)', (trade, text, zone) => {
    expect(decide(trade, text)).toBe(zone);
  });
});

describe('a kind of goods asked for', () => {
  const u = compileUnderstanding([
    KnowledgeSchema.parse({ id: 'bath', questions: ['洗澡多少钱'], answer: '50 元' }),
    KnowledgeSchema.parse({ id: 'damaged', questions: ['东西坏了怎么办'], answer: '拍照联系客服' }),
  ]);
  const zone = (text: string) => zoneIn(u, text);

  it('is what a what or which question asks, which an entry naming no goods cannot answer', () => {
    expect(zone('洗澡用的什么沐浴露')).toBe('fallback');
    expect(zone('洗澡用哪款沐浴露')).toBe('fallback');
  });

  it('is only what was bought where the question asks something else of it', () => {
    expect(zone('沐浴露坏了怎么办')).toBe('damaged');
  });
});

describe('another party’s thing', () => {
  const partyOf = (trade: string, text: string) => {
    const { analysis, focus } = search(compiled[trade]!.index, text, 1);
    return otherParty(analysis.text, focus);
  };

  it('is read where the party word is attached to what is asked, directly or through a name closed by 的', () => {
    expect(partyOf('utilities', '隔壁燃气多少钱一方')).toBe('隔壁');
    expect(partyOf('property', '隔壁小区的物业费多少钱')).toBe('隔壁');
    expect(partyOf('carRepair', '别家补胎多少钱')).toBe('别家');
  });

  it('is not read where the party word is where the customer is, in another clause, or "other" of this business', () => {
    expect(partyOf('courier', '隔壁小区能上门取件吗')).toBeUndefined();
    expect(partyOf('courier', '我现在用的是别家的，能上门取件吗')).toBeUndefined();
    expect(partyOf('carRepair', '有别的轮胎吗')).toBeUndefined();
  });

  it('sends what another business charges to a person, and still answers the customer who is next door', () => {
    expect(decide('property', '隔壁小区的物业费多少钱')).toBe('fallback');
    expect(decide('carRepair', '别家补胎多少钱')).toBe('fallback');
    expect(decide('courier', '隔壁小区能上门取件吗')).toBe('pickup');
  });

  it('reads the thing got at another party in a telling clause as that party’s, whichever clause asks of it', () => {
    expect(partyOf('insurance', '我在别家保险公司买的，怎么理赔')).toBe('别家');
    expect(decide('insurance', '我在别家保险公司买的，怎么理赔')).toBe('fallback');
    expect(decide('insurance', '在其他平台买的保险能在你们这续保吗')).toBe('fallback');
    // Bought here, the same telling is the customer's own.
    expect(decide('insurance', '我在你们这买的保险，怎么理赔')).toBe('claim');
  });

  it('lets an entry that speaks of the other party answer', () => {
    const u = compileUnderstanding([
      KnowledgeSchema.parse({ id: 'compare', questions: ['和别家比补胎多少钱', '比别家贵吗'], answer: '同价' }),
      KnowledgeSchema.parse({ id: 'tire', questions: ['补胎多少钱'], answer: '30 元' }),
    ]);
    expect(zoneIn(u, '别家补胎多少钱')).toBe('compare');
  });
});

describe('a count is not a price', () => {
  it('reads 几次 and 多少个 as a count, and a question word inside another as part of it', () => {
    expect(questionWords('补胎能补几次').types).toEqual(['count']);
    expect(questionWords('多少个').types).toEqual(['count']);
    expect(questionWords('补胎多少钱').types).toEqual(['price']);
    expect(questionWords('要等几个小时').types).toEqual(['duration']);
    expect(questionWords('物业费一般是多少').types).toEqual(['quantity']);
    // What something is for is not how to do it.
    expect(questionWords('物业费交了有什么用').types).toEqual(['why']);
  });

  it('keeps a count or a duration from an entry that only says what something costs', () => {
    expect(decide('carRepair', '补胎能补几次')).toBe('fallback');
    expect(decide('carRepair', '轮胎多久换一次')).toBe('fallback');
    expect(decide('property', '物业费交了有什么用')).toBe('fallback');
    // A bare 多少 may be the sum: 物业费一般是多少 is the fee.
    expect(decide('property', '物业费一般是多少')).toBe('fee');
  });
});

describe('how long, asked of an entry that asks nothing specific', () => {
  const entries = (answer: string) => compileUnderstanding([KnowledgeSchema.parse({ id: 'delete', questions: ['如何注销账号', '注销后数据能恢复吗'], answer })]);
  const zone = (answer: string, text: string) => zoneIn(entries(answer), text);

  it('is answered where the answer states a span of time', () => {
    expect(zone('在设置里申请注销，审核 7 个工作日', '注销账号要多久')).toBe('delete');
    expect(zone('在设置里申请注销，当天生效', '注销账号要多久')).toBe('delete');
  });

  it('falls back where the answer only says how', () => {
    expect(zone('在设置里申请注销', '注销账号要多久')).toBe('fallback');
    expect(zone('在设置里申请注销', '怎么注销账号')).toBe('delete');
  });
});

describe('a word that only shares a character with the entry', () => {
  const u = compileUnderstanding([
    KnowledgeSchema.parse({ id: 'teacher', questions: ['老师的资质怎么样', '师资力量如何'], answer: '老师均有教师资格证' }),
    KnowledgeSchema.parse({ id: 'size', questions: ['一个班有多少人'], answer: '每班 12 人' }),
  ]);
  const zone = (text: string) => zoneIn(u, text);

  it('is not half of what is asked where the entry asks something else', () => {
    expect(zone('老师一个月工资多少')).toBe('fallback');
  });

  it('still stands for the same thing where the entry asks what the message asks', () => {
    expect(decide('utilities', '燃气多少钱一立方')).toBe('price');
    expect(decide('utilities', '刚买的房子怎么开通燃气')).toBe('open');
  });
});
