import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { coverage, type VetoContext } from '../../src/engine/understanding/policy';
import type { Unit } from '../../src/engine/understanding/analyze';
import type { Candidate } from '../../src/engine/understanding/retrieve';
import { knowledgeBase } from '../../eval/dataset';

// The near-miss veto weighs what the message asks above its context even where the entry meets
// only part of what is asked, and counts a concept no entry of the business speaks of as another question.
const unit = (text: string, concept?: string, extra: Partial<Unit> = {}): Unit => ({ text, concept, narrative: false, weight: 1, ...extra });
const candidate = (explained: Unit[], unexplained: Unit[]): Candidate =>
  ({ index: 0, entry: { id: 'e', questions: ['q'], answer: 'a' }, score: 0.5, asked: 0.5, matched: [], explained, unexplained, resembled: [], otherGoods: false, focusMet: false }) as unknown as Candidate;
const veto = (focus: Unit[], known: string[] = []): VetoContext => ({ focus: new Set(focus), known: (c) => known.includes(c) });

describe('context outside what is asked', () => {
  // 钱多久到账 asked; 快递 and 签收 the story around it; 几天 asked and unexplained.
  const refund = unit('到账', 'returns.refund_time');
  const days = unit('几天');
  const parcel = unit('快递', 'delivery.parcel');
  const signed = unit('签收', 'delivery.signed');
  const c = candidate([refund], [days, parcel, signed]);
  it('counts half beside an asked word left unexplained', () => {
    expect(coverage(c, true, 0.5)).toBeCloseTo(0.25);
    expect(coverage(c, true, 0.5, veto([refund, days], ['delivery.parcel', 'delivery.signed']))).toBeCloseTo(1 / 3);
  });
  it('not for an entry meeting none of what is asked, or only its bare verb', () => {
    const other = candidate([parcel], [refund, days, signed]);
    expect(coverage(other, true, 0.5, veto([refund, days], ['delivery.signed', 'returns.refund_time']))).toBeCloseTo(0.25);
    const repair = unit('能修吗', 'aftersales.repair');
    const bare = candidate([repair], [unit('不制冷', 'aftersales.temperature')]);
    expect(coverage(bare, true, 0.5, veto([repair], ['aftersales.temperature']))).toBeCloseTo(0.5);
  });
  it('an aside outside what is asked keeps its own weight only', () => {
    const person = unit('老人', undefined, { aside: true });
    const d = candidate([refund], [person]);
    expect(coverage(d, true, 0.5, veto([refund]))).toBeCloseTo(coverage(d, true, 0.5));
  });
});

describe('a concept the business never speaks of', () => {
  const points = unit('积分', 'member.points');
  const gifts = unit('兑换礼品', 'member.redeem_gifts');
  const c = candidate([points], [gifts]);
  it('counts more against the entry than one it speaks of elsewhere', () => {
    const foreign = coverage(c, true, 0.5, veto([points, gifts]));
    const known = coverage(c, true, 0.5, veto([points, gifts], ['member.redeem_gifts']));
    expect(foreign).toBeCloseTo(1 / 2.5);
    expect(known).toBeCloseTo(0.5);
  });
});

describe('near misses stay refused', () => {
  const shop = compileUnderstanding(knowledgeBase('ecommerce'));
  const decide = (text: string) => understandMessage(shop, text, new Set()).zone;
  it.each(['快递小哥态度很凶，我想投诉', '积分能不能换成话费', '快递盒子上能不能别印商品名'])('%s is not answered', (text) => {
    expect(decide(text)).toBe('fallback');
  });
  it('a story around its question is still answered', () => {
    const d = understandMessage(compileUnderstanding(knowledgeBase('apparel')), '那件大衣我上周寄回去了，物流显示前天就签收了，到现在钱还没回到我的银行卡，一般几天能到账', new Set());
    expect(d.zone === 'answer' && d.entry.id).toBe('ap-refund-time');
  });
});
