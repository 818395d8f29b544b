import { describe, expect, it } from 'vitest';
import { NO_WINDOW } from '../../src/engine/budget';
import { EMPTY_CONTEXT } from '../../src/engine/context';
import { compileEngines, decide, type ConversationSnapshot, type TurnMessage } from '../../src/engine/decide';
import { clarifyClicks, uncertainQuestion } from '../../src/engine/uncertain';
import { ConfigSchema } from '../../src/rules/config';

const T0 = 1_800_000_000_000;
const config = ConfigSchema.parse({
  intents: [{ name: 'vip', keywords: ['会员卡'], answer: '会员卡请在“我的”页面领取。' }],
  knowledge: [
    { id: 'shipping-fee', questions: ['运费多少', '包邮吗'], answer: '满 99 包邮' },
    { id: 'tracking', questions: ['如何查询物流信息', '快递单号在哪里查看'], answer: '在我的订单里查看物流' },
    { id: 'invoice', questions: ['怎么开发票'], answer: '在订单详情里申请电子发票' },
    { id: 'invoice-title', questions: ['发票抬头怎么修改'], answer: '开票前可以改' },
  ],
  fallback: { reply: '抱歉没听懂。' },
  handoff: { keywords: ['转人工'], after_misses: 2 },
});
const engines = compileEngines(config);
const fresh: ConversationSnapshot = { state: 'bot', context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW };
let seq = 0;
const msg = (text: string, extra: Partial<TurnMessage> = {}): TurnMessage => ({ msgid: `m${++seq}`, text, sentAt: T0, ...extra });
const settings = { topics: EMPTY_CONTEXT, now: T0, reviewBelow: config.understanding.review_below };

/** What the bot decides for these messages, and what of it is kept for review. */
function turn(messages: TurnMessage[], snapshot: ConversationSnapshot = fresh) {
  const decision = decide({ snapshot, config, engines, messages, now: T0, hours: { isOpen: true } });
  return { decision, kept: uncertainQuestion(decision, messages, engines.understanding, settings) };
}

describe('uncertainQuestion', () => {
  it('keeps a fallback with the closest entries the matcher saw', () => {
    // A near miss: the tracking entry explains 快递员 but not 工号.
    const m = msg('快递员的工号是多少');
    const { decision, kept } = turn([m]);
    expect(decision.events.some((e) => e.type === 'answer')).toBe(false);
    expect(kept).toEqual({ msgid: m.msgid, text: '快递员的工号是多少', zone: 'fallback', confidence: expect.any(Number), candidates: expect.arrayContaining([expect.objectContaining({ id: 'tracking' })]) });
    expect(turn([msg('你们老板是谁')]).kept).toMatchObject({ zone: 'fallback', confidence: 0, candidates: [] });
  });

  it('keeps a clarification with the confidence it was asked at', () => {
    const { decision, kept } = turn([msg('发票开一下')]);
    const asked = decision.events.find((e) => e.type === 'clarify');
    expect(asked).toBeDefined();
    expect(kept).toMatchObject({ zone: 'clarify', confidence: (asked as { confidence: number }).confidence, candidates: [{ id: 'invoice-title' }, { id: 'invoice' }] });
  });

  it('keeps a knowledge answer below understanding.review_below, not one at or above it', () => {
    const m = msg('快递单号');
    const { decision } = turn([m]);
    const answer = decision.events.find((e) => e.type === 'answer') as { answers: { id: string; confidence: number }[] };
    const [{ id, confidence }] = answer.answers as [{ id: string; confidence: number }];
    expect(id).toBe('tracking');
    const keep = (reviewBelow: number) => uncertainQuestion(decision, [m], engines.understanding, { ...settings, reviewBelow });
    expect(keep(confidence)).toBeNull();
    const kept = keep(confidence + 0.001);
    expect(kept).toMatchObject({ zone: 'answer', confidence });
    expect(kept?.candidates[0]).toEqual({ id: 'tracking', score: confidence });
  });

  it('keeps nothing of intent answers, small talk and handoff requests', () => {
    for (const text of ['我的会员卡呢', '谢谢', '转人工']) expect(turn([msg(text)]).kept, text).toBeNull();
  });

  it('keeps the miss that hands over after too many misses', () => {
    const { decision, kept } = turn([msg('你们老板是谁')], { ...fresh, misses: 1 });
    expect(decision.handoff?.reason).toBe('misses');
    expect(kept).toMatchObject({ zone: 'fallback', text: '你们老板是谁' });
  });

  it('keeps a burst as one question, as decide merges it, under the last typed msgid; menu clicks are not the customer’s words', () => {
    const burst = [msg('你们老板'), msg('是谁'), msg('转人工', { menuId: 'nothing' })];
    const decision = decide({ snapshot: fresh, config: ConfigSchema.parse({ ...config, handoff: undefined }), engines, messages: burst.slice(0, 2), now: T0, hours: { isOpen: true } });
    expect(uncertainQuestion(decision, burst, engines.understanding, settings)).toMatchObject({ msgid: burst[1]!.msgid, text: '你们老板 是谁' });
    expect(uncertainQuestion(decision, [burst[2]!], engines.understanding, settings)).toBeNull();
  });
});

describe('clarifyClicks', () => {
  it('names the entry a menu click answered', () => {
    const click = msg('发票抬头怎么修改', { menuId: 'invoice-title' });
    expect(clarifyClicks(turn([click]).decision, [click], engines.understanding)).toEqual([{ msgid: click.msgid, entry_id: 'invoice-title' }]);
  });

  it('ignores a click on something that is not an entry, and typed text', () => {
    const other = msg('会员卡', { menuId: 'vip' });
    expect(clarifyClicks(turn([other]).decision, [other], engines.understanding)).toEqual([]);
    const typed = msg('怎么开发票');
    expect(clarifyClicks(turn([typed]).decision, [typed], engines.understanding)).toEqual([]);
  });
});
