import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerDueAt, mergeWait, readMessage, type MergeReason, type PendingMessage } from '../../src/engine/merge-window';
import { fuzzParameters } from '../support/fuzz';

const text = (t: string, at = 0): PendingMessage => ({ msgtype: 'text', text: t, at });
const ADAPTIVE = { windowMs: 1500, adaptive: true };

/** Real-looking messages by what the policy should read in them. */
const COMPLETE: readonly (readonly [string, MergeReason])[] = [
  ['这个多少钱？', 'question_mark'],
  ['请问你们几点下班?', 'question_mark'],
  ['Where is my order?', 'question_mark'],
  ['？？', 'question_mark'],
  ['可以用花呗吗', 'question_particle'],
  ['有优惠吗😊', 'question_particle'],
  ['我的快递到哪了呢', 'question_particle'],
  ['这个是正品吧', 'question_particle'],
  ['支持七天无理由退货么', 'question_particle'],
  ['能不能便宜点', 'a_not_a'],
  ['这款有没有黑色的', 'a_not_a'],
  ['包不包邮', 'a_not_a'],
  ['可不可以开发票', 'a_not_a'],
  ['怎么申请售后', 'question_word'],
  ['多少钱', 'question_word'],
  ['发货要多久', 'question_word'],
  ['你们店在哪里', 'question_word'],
  ['为什么还没发货', 'question_word'],
  ['外卖怎么这么慢', 'question_word'],
  ['钱咋还没退回来', 'question_word'],
  ['会员可以打几折', 'question_word'],
  ['北京到上海多远', 'question_word'],
  ['我想问一下怎么退款', 'question_word'],
  ['你好，请问怎么退款', 'question_word'],
  ['亲，这个有货吗', 'question_particle'],
  ['how do I reset my password', 'question_word'],
  ['can you ship to Hong Kong', 'question_word'],
  ['我要退款', 'request'],
  ['你好，我想退货', 'request'],
  ['转人工', 'request'],
  ['人工', 'request'],
  ['帮我查一下订单物流', 'request'],
  ['请尽快发货', 'request'],
  ['查一下物流', 'request'],
  ['I want a refund', 'request'],
  ['please cancel my order', 'request'],
  ['1', 'small_talk'],
  ['2', 'choice'],
  ['12', 'choice'],
  ['谢谢', 'small_talk'],
  ['好的', 'small_talk'],
  ['👍', 'small_talk'],
  ['拜拜', 'small_talk'],
  ['thanks', 'small_talk'],
  ['[微笑]', 'small_talk'],
  ['我昨天下单的衣服尺码拍错了。', 'sentence_end'],
  ['The package arrived damaged!', 'sentence_end'],
];

const FRAGMENTS: readonly (readonly [string, MergeReason])[] = [
  ['你好', 'greeting'],
  ['在吗', 'greeting'],
  ['在吗？', 'greeting'],
  ['亲，在不在', 'greeting'],
  ['hello', 'greeting'],
  ['请问', 'greeting'],
  ['我想问一下', 'greeting'],
  ['那个', 'greeting'],
  ['你好，我想问一下', 'greeting'],
  ['关于退款我想问一下', 'asking_phrase'],
  ['昨天买的那个锅我想咨询一下', 'asking_phrase'],
  ['我买的衣服，', 'continues'],
  ['我的订单号是：', 'continues'],
  ['颜色、尺码、', 'continues'],
  ['我买的是那款…', 'continues'],
  ['I ordered a blender...', 'continues'],
  ['我昨天下了单然后', 'connective'],
  ['东西收到了但是', 'connective'],
  ['这个衣服挺好看的而且', 'connective'],
  ['我想退货因为', 'connective'],
  ['还有', 'connective'],
  ['I bought a lamp and', 'connective'],
  ['123456789012', 'number_alone'],
  ['SF1234567890', 'number_alone'],
  ['#20261207', 'number_alone'],
  ['我的订单', 'short'],
  ['快递', 'short'],
  ['那件衣服', 'short'],
  ['my order', 'short'],
  ['我想', 'short'],
];

const STATEMENTS = ['我昨天买的衣服到现在还没发货', '密码忘了', '物流一直没更新', '收到的杯子有一道裂缝', 'the lid of the pot does not fit'];

describe('readMessage', () => {
  it.each(COMPLETE)('answers %j at once (%s)', (message, reason) => {
    expect(readMessage(text(message))).toEqual({ completeness: 'complete', reason });
  });

  it.each(FRAGMENTS)('waits the window after %j (%s)', (message, reason) => {
    expect(readMessage(text(message))).toEqual({ completeness: 'fragment', reason });
  });

  it.each(STATEMENTS)('waits half the window after the plain statement %j', (message) => {
    expect(readMessage(text(message))).toEqual({ completeness: 'statement', reason: 'statement' });
  });

  it('answers pictures, files, locations, voice and menu clicks at once', () => {
    for (const msgtype of ['image', 'file', 'location', 'voice', 'video', 'miniprogram']) expect(readMessage({ msgtype })).toEqual({ completeness: 'complete', reason: 'not_text' });
    expect(readMessage({ msgtype: 'text', text: '价格咨询', menuClick: true })).toEqual({ completeness: 'complete', reason: 'menu_click' });
  });
});

describe('answerDueAt', () => {
  it('answers a single complete question as it arrives', () => {
    expect(answerDueAt([text('这个多少钱？', 10_000)], ADAPTIVE)).toBe(10_000);
  });

  it('waits the window after a lone fragment, half of it after a statement', () => {
    expect(answerDueAt([text('你好', 10_000)], ADAPTIVE)).toBe(11_500);
    expect(answerDueAt([text('我昨天买的衣服到现在还没发货', 10_000)], ADAPTIVE)).toBe(10_750);
  });

  it('lets the latest message decide: a question after a greeting is answered at once, with the greeting', () => {
    expect(answerDueAt([text('你好', 10_000), text('怎么退款？', 10_400)], ADAPTIVE)).toBe(10_400);
  });

  it('counts the window from the first unanswered message, whatever follows', () => {
    const burst = [text('你好', 10_000), text('我想问一下', 10_900), text('订单', 11_400)];
    expect(answerDueAt(burst, ADAPTIVE)).toBe(11_500);
    expect(answerDueAt([text('我昨天买的衣服到现在还没发货', 10_000), text('而且', 11_000)], ADAPTIVE)).toBe(11_500);
  });

  it('switched off, waits the whole window from the first message, as a fixed window does', () => {
    const fixed = { windowMs: 1500, adaptive: false };
    expect(answerDueAt([text('这个多少钱？', 10_000)], fixed)).toBe(11_500);
    expect(answerDueAt([text('你好', 10_000), text('怎么退款？', 10_400)], fixed)).toBe(11_500);
  });

  it('has nothing to wait for without messages', () => {
    expect(answerDueAt([], ADAPTIVE)).toBeNull();
    expect(mergeWait([], ADAPTIVE, 5)).toBe(0);
  });
});

describe('mergeWait properties', () => {
  const samples = [...COMPLETE, ...FRAGMENTS].map(([t]) => t).concat(STATEMENTS);
  const message = fc.record({
    msgtype: fc.constantFrom('text', 'text', 'text', 'image', 'file'),
    text: fc.oneof(fc.constantFrom(...samples), fc.string({ maxLength: 20 })),
    menuClick: fc.boolean(),
    gap: fc.nat(3000),
  });
  const burst = fc.array(message, { minLength: 1, maxLength: 6 }).map((list) => {
    let at = 1_000_000;
    return list.map(({ gap, ...m }): PendingMessage => ({ ...m, at: (at += gap) }));
  });
  const settings = fc.record({ windowMs: fc.nat(30_000), adaptive: fc.boolean() });

  it('never waits past the window from the first message, and waits less as time passes', () => {
    fc.assert(
      fc.property(burst, settings, fc.nat(40_000), fc.nat(40_000), (messages, s, a, b) => {
        const first = messages[0]!.at;
        const [earlier, later] = a <= b ? [first + a, first + b] : [first + b, first + a];
        expect(answerDueAt(messages, s)!).toBeLessThanOrEqual(first + s.windowMs);
        expect(mergeWait(messages, s, first)).toBeLessThanOrEqual(s.windowMs);
        expect(mergeWait(messages, s, later)).toBeLessThanOrEqual(mergeWait(messages, s, earlier));
      }),
      fuzzParameters(500),
    );
  });

  it('answers adaptively never later than the fixed window would', () => {
    fc.assert(
      fc.property(burst, fc.nat(30_000), (messages, windowMs) => {
        expect(answerDueAt(messages, { windowMs, adaptive: true })!).toBeLessThanOrEqual(answerDueAt(messages, { windowMs, adaptive: false })!);
      }),
      fuzzParameters(300),
    );
  });
});
