import { describe, expect, it } from 'vitest';
import { NO_WINDOW, SEND_WINDOW_MS, openWindow, recordSend } from '../../src/engine/budget';
import { EMPTY_CONTEXT } from '../../src/engine/context';
import { compileEngines, decide, type ConversationSnapshot, type DecideInput, type OpenState, type TurnMessage } from '../../src/engine/decide';
import { decideEscalation } from '../../src/engine/escalation';
import { HANDOFF_MENU_ID } from '../../src/engine/handoff';
import { decideWelcome } from '../../src/engine/welcome';
import { ConfigSchema, type ConfigInput } from '../../src/rules/config';

const T0 = 1_800_000_000_000;
const doc: ConfigInput = {
  intents: [
    { name: 'refund', patterns: ['退(货|款)'] },
    { name: 'vip', keywords: ['会员卡'], answer: '会员卡请在“我的”页面领取。', sets_context: 'vip' },
    { name: 'freight', patterns: ['(运|邮)费.*怎么算'], answer: '满 99 包邮。' },
  ],
  knowledge: [
    { id: 'price', questions: ['价格', '多少钱'], answer: '价格以详情页为准。', sets_context: 'price' },
    { id: 'price-discount', questions: ['有没有优惠'], requires_context: 'price', answer: '现在下单立减 20 元。' },
    { id: 'return-fee', questions: ['退货运费谁出'], answer: '质量问题我们承担运费。' },
    { id: 'shipping', questions: ['什么时候发货'], answer: '48 小时内发货。' },
  ],
  welcome: { text: '欢迎光临！', menu: [{ id: HANDOFF_MENU_ID, content: '转人工' }, { id: 'price', content: '价格' }] },
  fallback: { reply: '抱歉没听懂。', escalate_after_seconds: 300 },
  handoff: { keywords: ['人工', '转人工'], after_misses: 2, message: '正在为您转接人工客服。' },
  links: [{ open_kfid: 'wk1', name: '售前', off_hours_reply: '客服 {next_open} 上班。' }],
  templates: { en: { fallback: 'Sorry, I did not get that.', handoff: 'Connecting you to an agent.' } },
};
const config = ConfigSchema.parse(doc);
const engines = compileEngines(config);
const link = config.links[0];
const open: OpenState = { isOpen: true };

const fresh: ConversationSnapshot = { state: 'closed', context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW };
let seq = 0;
const msg = (text: string, extra: Partial<TurnMessage> = {}): TurnMessage => ({ msgid: `m${++seq}`, text, sentAt: T0, ...extra });
const run = (snapshot: ConversationSnapshot, messages: TurnMessage[], over: Partial<DecideInput> = {}) =>
  decide({ snapshot, config, engines, messages, now: T0 + 1000, hours: open, link, ...over });
const texts = (d: { replies: unknown[] }) => d.replies.map((r) => (r as { text?: string }).text);

describe('recording and state', () => {
  it('records every customer message and reopens a closed session as new, then bot after replying', () => {
    const d = run(fresh, [msg('价格'), msg('你好', { menuId: 'x' })]);
    expect(d.events.filter((e) => e.type === 'message_in')).toEqual([
      { type: 'message_in', msgid: `m${seq - 1}`, text: '价格', sent_at: T0 },
      { type: 'message_in', msgid: `m${seq}`, text: '你好', menu_id: 'x', sent_at: T0 },
    ]);
    expect(d.state).toBe('bot');
  });

  it.each(['queued', 'human'] as const)('says nothing in state %s, but records the messages', (state) => {
    const d = run({ ...fresh, state, misses: 1, lastIntent: 'refund', language: 'zh' }, [msg('价格'), msg('转人工')]);
    expect(d.replies).toEqual([]);
    expect(d.state).toBe(state);
    expect(d.handoff).toBeUndefined();
    expect(d.misses).toBe(1);
    expect(d.lastIntent).toBe('refund');
    expect(d.events.map((e) => e.type)).toEqual(['message_in', 'message_in']);
  });

  it('opens the send window at the latest message', () => {
    const d = run(fresh, [msg('价格', { sentAt: T0 - 500 }), msg('多少钱', { sentAt: T0 })]);
    expect(d.budget).toEqual({ windowOpenedAt: T0, used: 0 });
  });

  it('refuses an empty turn with a clear error', () => {
    expect(() => run(fresh, [])).toThrow(/at least one customer message/);
  });
});

describe('answers', () => {
  it('answers from the knowledge base and activates its topic', () => {
    const d = run(fresh, [msg('这个多少钱')]);
    expect(texts(d)).toEqual(['价格以详情页为准。']);
    expect(d.answered).toBe(true);
    expect(d.context).toEqual({ price: T0 + 1000 + 600_000 });
    expect(d.contextChanges).toEqual({ set: ['price'], expired: [] });
    expect(d.events).toContainEqual({ type: 'answer', answers: [{ source: 'knowledge', id: 'price', confidence: expect.any(Number) }] });
  });

  it('the seed story: 价格 then 有没有优惠 finds the price discount; without the topic it does not', () => {
    const first = run(fresh, [msg('价格')]);
    const follow = run({ ...fresh, state: first.state, context: first.context, budget: first.budget }, [msg('有没有优惠')]);
    expect(texts(follow)).toEqual(['现在下单立减 20 元。']);
    // Answering on the topic keeps it alive.
    expect(follow.contextChanges.set).toEqual(['price']);
    const cold = run(fresh, [msg('有没有优惠')]);
    expect(cold.answered).toBe(false);
    expect(texts(cold)).toEqual(['抱歉没听懂。']);
  });

  it('an intent with an answer answers and sets its topic', () => {
    const d = run(fresh, [msg('我的会员卡在哪')]);
    expect(texts(d)).toEqual(['会员卡请在“我的”页面领取。']);
    expect(d.intent).toBe('vip');
    expect(d.contextChanges.set).toEqual(['vip']);
  });

  it('an intent without an answer names the message but never stops a knowledge answer', () => {
    const d = run(fresh, [msg('退货运费谁出呀')]);
    expect(d.intent).toBe('refund');
    expect(d.events).toContainEqual({ type: 'intent', intent: 'refund', matched: '退货' });
    expect(texts(d)).toEqual(['质量问题我们承担运费。']);
  });

  it('an answerless intent with no knowledge answer is a miss, remembered for routing', () => {
    const d = run(fresh, [msg('我要退款')]);
    expect(d.answered).toBe(false);
    expect(texts(d)).toEqual(['抱歉没听懂。']);
    expect(d.lastIntent).toBe('refund');
  });

  it('answers a burst once, together', () => {
    const d = run(fresh, [msg('多少钱'), msg('什么时候发货')]);
    expect(texts(d)).toEqual(['价格以详情页为准。\n\n48 小时内发货。']);
  });

  it('understands fragments of a burst together when none makes sense alone', () => {
    const d = run(fresh, [msg('邮费'), msg('怎么算')]);
    expect(texts(d)).toEqual(['满 99 包邮。']);
    expect(d.intent).toBe('freight');
  });

  it('a menu click on a knowledge entry answers it directly', () => {
    const d = run(fresh, [msg('价格', { menuId: 'price' })]);
    expect(d.events).toContainEqual({ type: 'answer', answers: [{ source: 'menu', id: 'price', confidence: 1 }] });
  });

  it('expires stale topics first', () => {
    const d = run({ ...fresh, context: { price: T0 } }, [msg('有没有优惠')]);
    expect(d.contextChanges.expired).toEqual(['price']);
    expect(d.events).toContainEqual({ type: 'context', expired: ['price'] });
    expect(d.answered).toBe(false);
  });
});

describe('the fallback ladder', () => {
  it('an unrecognised message gets the fallback and arms escalation', () => {
    const d = run(fresh, [msg('今天天气怎么样')]);
    expect(texts(d)).toEqual(['抱歉没听懂。']);
    expect(d.misses).toBe(1);
    expect(d.armEscalationAt).toBe(T0 + 1000 + 300_000);
    expect(d.events).toContainEqual({ type: 'fallback', misses: 1 });
    expect(d.events).toContainEqual({ type: 'escalation', action: 'armed', due_at: T0 + 301_000 });
  });

  it('arms with the schema default when the document has no fallback section', () => {
    const bare = ConfigSchema.parse({});
    const d = decide({ snapshot: fresh, config: bare, engines: compileEngines(bare), messages: [msg('随便说说')], now: T0, hours: open });
    expect(d.armEscalationAt).toBe(T0 + 300_000);
    expect(texts(d)).toEqual(['抱歉，我没有理解您的问题。您可以换个说法，或输入“人工”转接人工客服。']);
  });

  it('does not re-arm while armed (the first miss starts the clock)', () => {
    const d = run({ ...fresh, state: 'bot', misses: 0, escalationDueAt: T0 + 100 }, [msg('今天天气怎么样')]);
    expect(d.armEscalationAt).toBeUndefined();
  });

  it('an answer after the fallback resolves it and disarms', () => {
    const d = run({ ...fresh, state: 'bot', misses: 1, escalationDueAt: T0 + 300_000 }, [msg('多少钱')]);
    expect(d.misses).toBe(0);
    expect(d.armEscalationAt).toBe('disarm');
    expect(d.events).toContainEqual({ type: 'escalation', action: 'resolved' });
  });

  it('after_misses consecutive misses hand over at once, with the notice', () => {
    const d = run({ ...fresh, state: 'bot', misses: 1, escalationDueAt: T0 + 300_000, lastIntent: 'refund', language: 'zh' }, [msg('今天天气怎么样')]);
    expect(d.handoff).toEqual({ reason: 'misses', intent: 'refund' });
    expect(texts(d)).toEqual(['正在为您转接人工客服。']);
    expect(d.misses).toBe(0);
    expect(d.armEscalationAt).toBe('disarm');
    expect(d.events.map((e) => e.type)).toEqual(['message_in', 'escalation', 'handoff']);
  });
});

describe('handoff requests', () => {
  it('a handoff keyword hands over at once; routing gets the last intent', () => {
    const d = run({ ...fresh, state: 'bot', lastIntent: 'refund' }, [msg('我要转人工')]);
    expect(d.handoff).toEqual({ reason: 'keyword', intent: 'refund' });
    expect(texts(d)).toEqual(['正在为您转接人工客服。']);
    expect(d.answered).toBe(false);
  });

  it('routing prefers the intent of the message that asked for a human, then of the turn', () => {
    const snapshot = { ...fresh, state: 'bot' as const, lastIntent: 'vip' };
    expect(run(snapshot, [msg('我要退款，转人工')]).handoff?.intent).toBe('refund');
    expect(run(snapshot, [msg('退款'), msg('人工')]).handoff?.intent).toBe('refund');
    expect(run(snapshot, [msg('人工')]).handoff?.intent).toBe('vip');
    expect(run(snapshot, [msg('我要退款，转人工')]).lastIntent).toBe('refund');
  });

  it('a click on the welcome menu item hands over (by id, whatever its text)', () => {
    expect(run(fresh, [msg('Talk to a human', { menuId: HANDOFF_MENU_ID })]).handoff?.reason).toBe('menu');
    expect(run(fresh, [msg('转人工', { menuId: 'other' })]).handoff?.reason).toBe('menu');
  });

  it('off hours the notice is the off-hours reply with the next opening', () => {
    const d = run(fresh, [msg('人工')], { hours: { isOpen: false, nextOpen: '周一 09:00' } });
    expect(texts(d)).toEqual(['客服 周一 09:00 上班。']);
    expect(d.handoff?.reason).toBe('keyword');
  });
});

describe('the send budget', () => {
  it('a message processed after its 48-hour window goes to a human rather than being lost', () => {
    const d = run(fresh, [msg('多少钱', { sentAt: T0 - SEND_WINDOW_MS - 1 })], { now: T0 });
    expect(d.handoff).toEqual({ reason: 'no_budget', intent: undefined });
    expect(d.replies).toEqual([]);
    expect(d.events).toContainEqual({ type: 'budget', merged: 0, unsent: 1 });
    expect(d.answered).toBe(false);
  });

  it('keeps the last slot for the handoff notice', () => {
    // A late message from the same window: 4 of 5 sends used, one left.
    let budget = openWindow(NO_WINDOW, T0);
    for (let i = 0; i < 4; i++) budget = recordSend(budget);
    const d = run({ ...fresh, state: 'bot', budget }, [msg('多少钱', { sentAt: T0 - 10 })]);
    expect(d.handoff?.reason).toBe('no_budget');
    expect(texts(d)).toEqual(['正在为您转接人工客服。']);
  });
});

describe('survey ratings', () => {
  const pending = { handling: T0 - 100_000, servicer: 'zhangsan', sentAt: T0 - 10_000 };
  it('a rating answers the pending survey, thanks the customer and is not a miss', () => {
    const d = run({ ...fresh, surveyPending: pending }, [msg('5')]);
    expect(d.events).toContainEqual({ type: 'rating', score: 5, servicer: 'zhangsan' });
    expect(texts(d)).toEqual(['感谢您的评价，祝您生活愉快！']);
    expect(d.surveyPending).toBeUndefined();
    expect(d.misses).toBe(0);
    expect(d.armEscalationAt).toBeUndefined();
  });
  it('without a pending survey "5" is an ordinary message', () => {
    const d = run(fresh, [msg('5')]);
    expect(d.events.some((e) => e.type === 'rating')).toBe(false);
    expect(d.misses).toBe(1);
  });
  it('other messages of the burst are still answered', () => {
    const d = run({ ...fresh, surveyPending: pending }, [msg('满意'), msg('多少钱')]);
    expect(texts(d)).toEqual(['感谢您的评价，祝您生活愉快！', '价格以详情页为准。']);
  });
});

describe('clarify and small talk', () => {
  it('an ambiguous message gets the "您是想问：" menu of the likely entries and a way to a person; a click answers', () => {
    const c = ConfigSchema.parse({ knowledge: [
      { id: 'ship-time', questions: ['多久发货'], answer: '48 小时内发货。' },
      { id: 'delivery-time', questions: ['几天送到'], answer: '2-4 天送达。' },
      { id: 'ship-fee', questions: ['运费多少'], answer: '满 99 包邮。' },
    ] });
    const e = compileEngines(c);
    const d = decide({ snapshot: fresh, config: c, engines: e, messages: [msg('发货')], now: T0 + 1000, hours: open });
    const menu = d.replies[0];
    if (d.events.some((x) => x.type === 'clarify')) {
      expect(menu && 'menu' in menu && menu.menu.head_content).toBe('您是想问：');
      expect(menu && 'menu' in menu && menu.menu.list.at(-1)?.id).toBe(HANDOFF_MENU_ID);
      expect(d.misses).toBe(0);
    }
    const click = decide({ snapshot: fresh, config: c, engines: e, messages: [msg('多久发货', { menuId: 'ship-time' })], now: T0 + 1000, hours: open });
    expect(click.replies).toEqual([{ text: '48 小时内发货。' }]);
    expect(click.answered).toBe(true);
  });
  it('a greeting gets the configured small-talk reply, never a knowledge answer', () => {
    const c = ConfigSchema.parse({ ...doc, understanding: { smalltalk: { greeting: '您好呀～' } } });
    const d = decide({ snapshot: fresh, config: c, engines: compileEngines(c), messages: [msg('你好')], now: T0 + 1000, hours: open });
    expect(texts(d)).toEqual(['您好呀～']);
    expect(d.answered).toBe(false);
  });
});

describe('language', () => {
  it('detects English, keeps it on the profile and answers with the English template', () => {
    const d = run(fresh, [msg('Could you tell me about the weather today?')]);
    expect(d.language).toBe('en');
    expect(d.events).toContainEqual({ type: 'language', from: null, to: 'en', confidence: expect.any(Number) });
    expect(texts(d)).toEqual(['Sorry, I did not get that.']);
  });
  it('a short "ok" does not switch a Chinese customer', () => {
    const d = run({ ...fresh, language: 'zh' }, [msg('ok')]);
    expect(d.language).toBe('zh');
    // An acknowledgement is small talk: the Chinese small-talk reply, not the fallback.
    expect(texts(d)).toEqual(['好的，还有其他问题随时问我。']);
    expect(d.events).toContainEqual({ type: 'smalltalk', kind: 'ack' });
    expect(d.misses).toBe(0);
  });
});

describe('decideEscalation', () => {
  const armed: ConversationSnapshot = { ...fresh, state: 'bot', misses: 1, escalationDueAt: T0, lastIntent: 'refund', budget: recordSend(openWindow(NO_WINDOW, T0 - 1000)) };
  const esc = (snapshot: ConversationSnapshot, now = T0) => decideEscalation({ snapshot, config, now, hours: open, link });

  it('still unresolved when due: hands over with the notice', () => {
    expect(esc(armed)).toEqual({
      replies: [{ text: '正在为您转接人工客服。' }],
      handoff: { reason: 'escalation', intent: 'refund' },
      armEscalationAt: 'disarm',
      misses: 0,
      events: [{ type: 'escalation', action: 'fired' }, { type: 'handoff', reason: 'escalation', intent: 'refund' }],
    });
  });
  it('nothing before it is due, or when not armed', () => {
    expect(esc(armed, T0 - 1)).toBeNull();
    expect(esc({ ...armed, escalationDueAt: undefined })).toBeNull();
  });
  it('a conversation a human already has is just disarmed', () => {
    expect(esc({ ...armed, state: 'human' })).toEqual({ replies: [], armEscalationAt: 'disarm', misses: 1, events: [{ type: 'escalation', action: 'cancelled' }] });
  });
  it('hands over without a notice when the window is gone', () => {
    const d = esc(armed, T0 + SEND_WINDOW_MS);
    expect(d?.handoff?.reason).toBe('escalation');
    expect(d?.replies).toEqual([]);
  });
  it('speaks the customer language', () => {
    expect(esc({ ...armed, language: 'en' })?.replies).toEqual([{ text: 'Connecting you to an agent.' }]);
  });
});

describe('decideWelcome', () => {
  const w = (over: Partial<Parameters<typeof decideWelcome>[0]> = {}) => decideWelcome({ config, link, welcomeCode: 'code', now: T0, ...over });
  it('sends the welcome with its menu through the welcome code', () => {
    expect(w()).toEqual({
      reply: { menu: { head_content: '欢迎光临！', list: [{ id: 'handoff', content: '转人工' }, { id: 'price', content: '价格' }] } },
      events: [{ type: 'welcome', menu: true }],
    });
  });
  it('never without a code, nor twice within 48 hours', () => {
    expect(w({ welcomeCode: undefined })).toBeNull();
    expect(w({ lastWelcomeAt: T0 - SEND_WINDOW_MS + 1 })).toBeNull();
    expect(w({ lastWelcomeAt: T0 - SEND_WINDOW_MS })).not.toBeNull();
  });
  it('not when nothing is configured', () => {
    expect(decideWelcome({ config: ConfigSchema.parse({}), welcomeCode: 'c', now: T0 })).toBeNull();
  });
  it('by time of day and per link, as text without a menu', () => {
    const c = ConfigSchema.parse({ welcome: { text: '你好', by_time: [{ start: '22:00', end: '06:00', text: '晚上好' }] } });
    expect(decideWelcome({ config: c, welcomeCode: 'c', localTime: '23:00', now: T0 })?.reply).toEqual({ text: '晚上好' });
    const l = ConfigSchema.parse({ links: [{ open_kfid: 'wk2', name: 'x', welcome: '售后欢迎您' }] });
    expect(decideWelcome({ config: l, link: l.links[0], welcomeCode: 'c', now: T0 })?.reply).toEqual({ text: '售后欢迎您' });
  });
});

describe('menu clicks on intents', () => {
  it('a click on an intent with an answer answers it; on an answerless one names it and lets the knowledge base answer', () => {
    expect(texts(run(fresh, [msg('会员', { menuId: 'vip' })]))).toEqual(['会员卡请在“我的”页面领取。']);
    const d = run(fresh, [msg('退货运费谁出', { menuId: 'refund' })]);
    expect(d.intent).toBe('refund');
    expect(texts(d)).toEqual(['质量问题我们承担运费。']);
  });
});
